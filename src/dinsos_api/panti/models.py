"""Tables of this domain (imported by dinsos_api.models so Alembic sees them)."""
