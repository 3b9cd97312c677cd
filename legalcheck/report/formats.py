"""Importing this module registers every built-in output format, in the order `--format` lists them."""

from legalcheck.report import csvfmt, html, jsonfmt, markdown, sqlite  # noqa: F401
