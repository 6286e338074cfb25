#!/usr/bin/env bash
# Installs everything `make demo` and `make test` need on a fresh Debian 12 machine (as root):
# Debian packages, a Rust toolchain if none is present, a Python virtualenv with the test
# packages, and cargo tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# A fresh clone's build, virtualenv and test data take about 4 GiB; a full disk would
# otherwise surface later as an unexplained "No space left on device".
free_mib=$(( $(df -Pk . | awk 'NR == 2 {print $4}') / 1024 ))
if [ "$free_mib" -lt 1024 ]; then
  echo "error: only $free_mib MiB free on the disk of $(pwd); make test needs about 4 GiB. Free space and run again." >&2
  exit 1
elif [ "$free_mib" -lt 4096 ]; then
  echo "warning: only $free_mib MiB free on the disk of $(pwd); a first make test needs about 4 GiB" >&2
fi

echo "==> Debian packages"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential pkg-config ca-certificates curl git openssl \
  php8.2-dev php8.2-cli php8.2-xml php8.2-mbstring phpunit \
  libclang-dev clang valgrind golang-go mono-mcs mono-runtime \
  python3 python3-venv python3-pip mmdebstrap >/dev/null
command -v node >/dev/null && command -v npm >/dev/null || \
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null

echo "==> Rust toolchain"
if ! command -v cargo >/dev/null; then
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "==> Python virtualenv (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -r requirements-dev.txt
echo "==> dependencies ready"
