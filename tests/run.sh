#!/usr/bin/env bash
# The project's one test command: installs what the tests need (idempotent), then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
ruff check legalcheck tests benchmarks
mypy
legalcheck rules test
python3 -m pytest "$@"
