"""Persistence of designs, their revisions and share links (SQLAlchemy 2; SQLite or PostgreSQL)."""
