"""The web front end: FastAPI routes, Jinja templates, htmx partials, security middleware."""
