"""The web explorer of the knowledge base: views, templates and our own static files."""
