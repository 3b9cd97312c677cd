"""Tools for rule authors: validate files, lint checklists, scaffold new files, render checklists readably.

Everything here is pure (no click): the commands in ``legalcheck.cli`` wire it to the command line.
"""
