"""Web explorer and JSON API over the store."""
