"""One module per resource; each exposes ``router``. api/app.py includes them from a list."""
