"""Renderers of results documents, in a registry keyed by format name."""
