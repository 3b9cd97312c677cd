"""legalcheck: apply legal-issue checklists to incident records.

It reports what sources raise, answer, contest or leave open."""

__version__ = "0.2.0"
