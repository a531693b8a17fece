"""Renderers: each output format is one module with one entry point, reading only the Plan."""
