"""Reading the audit trail (writing it is `core.audit.catat`, inside each change)."""
