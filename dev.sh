#!/usr/bin/env bash
# One entry point for a fresh machine: set everything up, then serve the default
# site (`bash dev.sh serve`) or run every check and test (`bash dev.sh test`).
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
export NO_MKDOCS_2_WARNING=1

setup_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "== creating $VENV"
    python3 -m venv "$VENV"
  fi
  # Reinstall only when the declared dependencies change.
  local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "== installing scopesite and its dependencies"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e '.[dev]'
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  export PATH="$PWD/$VENV/bin:$PATH"
}

setup_browser() {
  # Browser tests drive Debian's chromium; Playwright never downloads a browser here.
  if [ ! -x /usr/bin/chromium ]; then
    echo "== installing chromium"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
}

setup_node_tools() {
  # axe-core and Lighthouse, for the accessibility tests (pinned in package.json).
  if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -x node_modules/.bin/lighthouse ]; then
    echo "== installing axe-core and lighthouse"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

case "${1:-}" in
  serve)
    setup_python
    scopesite build . --strict
    exec scopesite serve . --dev-addr "${SCOPESITE_ADDR:-127.0.0.1:8000}"
    ;;
  test)
    setup_python
    setup_browser
    setup_node_tools
    echo "== ruff";   ruff check . && ruff format --check .
    echo "== mypy";   mypy
    echo "== building the default site and the examples with --strict"
    for project in . examples/smartertools examples/support-credits; do
      scopesite build "$project" --strict --site-dir "$(mktemp -d)/site" -q
    done
    echo "== pytest"; pytest
    ;;
  *)
    echo "usage: bash dev.sh serve   set up, build and serve the default site on 127.0.0.1:8000" >&2
    echo "       bash dev.sh test    set up and run every check and test" >&2
    exit 2
    ;;
esac
