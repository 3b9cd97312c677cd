#!/usr/bin/env bash
# Installs what the browser tests need; idempotent (re-running skips everything already in place).
#   - Debian's Chromium (/usr/bin/chromium), via apt, only if missing
#   - a Java runtime >= 17 (the Nu Html Checker needs it), via apt, only if missing or older
#   - node/npm, via apt, only if missing
#   - axe-core and vnu-jar, exact versions from package.json + package-lock.json, into tests/browser/node_modules
# The Python side (playwright) comes from the project's `test` extra. Never runs `playwright install`:
# the tests drive the system Chromium.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DEBIAN_FRONTEND=noninteractive
log() { printf '[browser/install.sh] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

java_major() {  # the major version of `java` (1.8 -> 8), or 0 if none
  local v=""
  if command -v java >/dev/null 2>&1; then
    v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -1)"
    case "$v" in 1.*) v="${v#1.}" ;; esac
    v="${v%%.*}"
  fi
  echo "${v:-0}"
}

apt_pkgs=()
[ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
[ "$(java_major)" -ge 17 ] || apt_pkgs+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || apt_pkgs+=(nodejs npm)
if [ "${#apt_pkgs[@]}" -gt 0 ]; then
  log "apt-get install ${apt_pkgs[*]}"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${apt_pkgs[@]}"
fi

installed() {  # the installed version of an npm package here, or nothing
  node -e 'try{console.log(require(process.argv[1]).version)}catch(e){}' "$DIR/node_modules/$1/package.json" 2>/dev/null
}
wanted() {  # the version package.json pins
  node -e 'console.log(require(process.argv[1]).dependencies[process.argv[2]])' "$DIR/package.json" "$1"
}
if [ "$(installed axe-core)" = "$(wanted axe-core)" ] && [ "$(installed vnu-jar)" = "$(wanted vnu-jar)" ] \
   && [ -f "$DIR/node_modules/vnu-jar/build/dist/vnu.jar" ] && [ -f "$DIR/node_modules/axe-core/axe.min.js" ]; then
  :
else
  # --ignore-scripts: vnu-jar's postinstall would download a JRE; Java is already ensured above and vnu.jar ships in the package.
  log "npm ci (axe-core $(wanted axe-core), vnu-jar $(wanted vnu-jar))"
  (cd "$DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  [ -f "$DIR/node_modules/vnu-jar/build/dist/vnu.jar" ] || { log "vnu.jar missing after npm ci"; exit 1; }
  [ -f "$DIR/node_modules/axe-core/axe.min.js" ] || { log "axe.min.js missing after npm ci"; exit 1; }
fi
log "ready: $(/usr/bin/chromium --version 2>/dev/null), java $(java_major), axe-core $(installed axe-core), vnu-jar $(installed vnu-jar)"
