"""Quotes checked against archived copies of their sources: extraction, normalisation, matching, and saving copies."""
