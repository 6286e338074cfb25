#!/usr/bin/env bash
# Rewrites tests/vectors/*.json and tests/attacks/*.json from the independent
# generators.  Deterministic: fixed clock, fixed secrets, no randomness, so a
# second run gives byte-identical files (`make test` re-runs this and checks
# `git diff --exit-code tests/vectors tests/attacks`).
#
# Needs python3 and node/npm.  Installs, when missing, the two pinned
# third-party generators' libraries:
#   - PyJWT and zxcvbn (gen/requirements.txt) into the virtualenv $VENV (default <repo>/.venv)
#   - jsonwebtoken and uri-js-replace (gen/package.json + package-lock.json) into gen/node_modules via `npm ci`
set -euo pipefail

GEN="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$GEN/../../.." && pwd)"
VECTORS="$ROOT/tests/vectors"
ATTACKS="$ROOT/tests/attacks"
PY="${PYTHON:-python3}"
VENV="${VENV:-$ROOT/.venv}"
export PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 LC_ALL=C.UTF-8 TZ=UTC

pyjwt_pin="$(grep -i '^pyjwt==' "$GEN/requirements.txt" | cut -d= -f3)"
zxcvbn_pin="$(grep -i '^zxcvbn==' "$GEN/requirements.txt" | cut -d= -f3)"
if ! "$VENV/bin/python" -c "import jwt, sys, importlib.metadata as m
sys.exit(jwt.__version__ != '$pyjwt_pin' or m.version('zxcvbn') != '$zxcvbn_pin')" 2>/dev/null; then
  echo "regenerate: installing PyJWT $pyjwt_pin and zxcvbn $zxcvbn_pin into $VENV" >&2
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$GEN/requirements.txt"
fi
if ! node -e "const lock = require('$GEN/package-lock.json').packages;
  process.exit(['jsonwebtoken', 'uri-js-replace'].every((m) =>
    require('$GEN/node_modules/' + m + '/package.json').version === lock['node_modules/' + m].version) ? 0 : 1)" 2>/dev/null; then
  echo "regenerate: installing jsonwebtoken and uri-js-replace with npm ci" >&2
  (cd "$GEN" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# With OOJWT_VECTORS_OUT the files go to $OOJWT_VECTORS_OUT/{vectors,attacks} (make
# test compares them with the committed ones and changes nothing); without it, the
# committed files are rewritten, starting from nothing so that a case or file no
# generator writes any more disappears.
if [ -n "${OOJWT_VECTORS_OUT:-}" ]; then
  rm -rf "$OOJWT_VECTORS_OUT/vectors" "$OOJWT_VECTORS_OUT/attacks"
  mkdir -p "$OOJWT_VECTORS_OUT/vectors" "$OOJWT_VECTORS_OUT/attacks"
else
  rm -f "$VECTORS"/*.json "$ATTACKS"/*.json
fi

echo "regenerate: stdlib model (gen/stdlib_gen.py)"
"$VENV/bin/python" "$GEN/stdlib_gen.py"
echo "regenerate: PyJWT (gen/pyjwt_gen.py)"
"$VENV/bin/python" "$GEN/pyjwt_gen.py"
echo "regenerate: firebase/php-jwt's recorded answers (gen/firebase_gen.py)"
"$VENV/bin/python" "$GEN/firebase_gen.py"
echo "regenerate: jsonwebtoken (gen/node_gen.js)"
node "$GEN/node_gen.js"
echo "regenerate: attack corpus (tests/attacks/gen_attacks.py)"
"$VENV/bin/python" "$ATTACKS/gen_attacks.py"
echo "regenerate: cross-check against the stdlib model"
"$VENV/bin/python" "$GEN/crosscheck.py"
