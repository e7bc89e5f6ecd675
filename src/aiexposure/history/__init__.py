"""The personal history: kept results in a private SQLite file, scored again and compared."""
