"""Importing this module registers every built-in output format."""

from legalcheck.report import html, jsonfmt  # noqa: F401
