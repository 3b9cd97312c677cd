"""The browser tests' fixtures live in kit.py with their helpers; importing them here makes pytest find them."""

from kit import browser, reports, tracked  # noqa: F401
