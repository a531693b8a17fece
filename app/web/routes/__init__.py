"""Routers, one module per noun; ``app.main`` includes them."""
