"""Complaints: every channel, SP4N-LAPOR! in by signed webhook, answers out through the outbox."""
