"""What every domain shares: settings, database, errors, logging, middleware."""
