"""legalcheck: apply legal-issue checklists to incident records and report what sources raise, answer, contest or leave open."""

__version__ = "0.1.0"
