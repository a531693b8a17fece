"""The pure planning core: stdlib + pydantic only, no web, database or template imports."""
