#!/usr/bin/env bash
# The project's one test command: installs what the tests need (idempotent), then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
# The browser tests' tools (Chromium, Java, axe-core, vnu). In CI (CI=true) a failure here fails the run;
# elsewhere the browser tests skip with the reason instead.
if ! bash tests/browser/install.sh; then
  if [ "${CI:-}" = "true" ]; then echo "tests/browser/install.sh failed" >&2; exit 1; fi
  echo "warning: tests/browser/install.sh failed; browser tests will be skipped" >&2
fi
ruff check legalcheck tests benchmarks scripts
ruff format --check legalcheck tests benchmarks scripts
mypy
legalcheck rules test
legalcheck rules lint
python3 -m pytest "$@"
