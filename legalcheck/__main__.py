"""Allow ``python -m legalcheck``."""

from legalcheck.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
