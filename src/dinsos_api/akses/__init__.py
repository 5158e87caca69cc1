"""Identities: users (password + JWT) and API clients (keys) for machines."""
