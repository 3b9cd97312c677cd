"""Reading records and rule files from JSON or YAML, with positions for error messages."""
