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
  # Exactly the versions in the lock (hashes checked), so a fresh machine gets what
  # CI passed with; reinstalled only when the lock or the package's metadata change.
  local stamp="$VENV/.installed-$(cat requirements/dev.lock pyproject.toml | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "== installing the locked dependencies and scopesite (log: $VENV/install.log)"
    if ! {
      "$VENV/bin/python" -m pip install --require-hashes --no-deps -r requirements/dev.lock &&
        "$VENV/bin/python" -m pip install --no-deps --no-build-isolation -e . &&
        "$VENV/bin/python" -m pip check
    } >"$VENV/install.log" 2>&1; then
      tail -n 20 "$VENV/install.log" >&2
      echo "error: installing into $VENV failed; the whole log is $VENV/install.log" >&2
      exit 1
    fi
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  export PATH="$PWD/$VENV/bin:$PATH"
}

refresh_lock() {
  # Resolve the newest versions pyproject.toml allows and pin them, with hashes.
  setup_python
  local compile=("$VENV/bin/pip-compile" --quiet --upgrade --generate-hashes --allow-unsafe
    --strip-extras --no-emit-index-url --no-emit-find-links)
  "${compile[@]}" -o requirements/run.lock pyproject.toml
  "${compile[@]}" --extra dev -o requirements/dev.lock pyproject.toml
  echo "== requirements/run.lock and requirements/dev.lock refreshed; run 'bash dev.sh test'"
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
    exec scopesite serve . --dev-addr "${SCOPESITE_ADDR:-127.0.0.1:8000}"
    ;;
  lock)
    refresh_lock
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
    echo "       bash dev.sh lock    refresh requirements/*.lock to the newest allowed versions" >&2
    exit 2
    ;;
esac
