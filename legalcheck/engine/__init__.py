"""The pure analysis engine: record + compiled checklists -> results. No I/O, no click, no Jinja."""
