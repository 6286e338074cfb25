#!/usr/bin/env bash
# Debian 13 ("trixie": PHP 8.4, Python 3.13) beside the Debian 12 host, for the PHP 8.4
# package and the install tests. Usage (as root, from the repository):
#   scripts/debian13.sh root        the Debian 13 root in target/debian13/root, made by
#                                   mmdebstrap from Debian's registry; kept between runs
#                                   and made again when missing or when its package list
#                                   changes. Nothing is installed on the host by it.
#   scripts/debian13.sh build-php   the extension built against the root's PHP 8.4
#                                   (headers, php-config) with the host's Rust toolchain
#                                   (Debian 13's rustc is older than the project's):
#                                   target/php84/release/libonlyoffice_jwt_php.so
#   scripts/debian13.sh test DIST   the packages of DIST (make dist) installed and tested
#                                   inside the root (see test_in_root below)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$repo/target/debian13
root=$work/root
# What the root holds: PHP 8.4 with its development files and PHPUnit, Python 3.13 with
# venv, valgrind, and what the extension's tests load (xml, mbstring for PHPUnit).
packages=php8.4-cli,php8.4-dev,php8.4-xml,php8.4-mbstring,phpunit,python3,python3-venv,valgrind,pkg-config,gcc,libc6-dev

make_root() {
  local stamp=$work/packages
  if [ -x "$root/usr/bin/php8.4" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$packages" ]; then
    return
  fi
  command -v mmdebstrap >/dev/null || {
    echo "debian13: mmdebstrap is missing (Debian package mmdebstrap; scripts/install-deps.sh installs it)" >&2
    exit 1
  }
  rm -rf "$work" && mkdir -p "$work"
  echo "debian13: making a Debian 13 root with $packages (about a minute)" >&2
  mmdebstrap --quiet --variant=apt --include="$packages" trixie "$work/root.tar" \
    http://deb.debian.org/debian
  mkdir -p "$root" && tar -C "$root" -xf "$work/root.tar" && rm "$work/root.tar"
  echo "$packages" > "$stamp"
}

# `php` and `php-config` of the root, for ext-php-rs's build script (PHP, PHP_CONFIG):
# they run in the root, and the include paths they print are the root's.
wrappers() {
  mkdir -p "$work/bin"
  printf '#!/bin/sh\nexec chroot %s php "$@"\n' "$root" > "$work/bin/php"
  printf '#!/bin/sh\nchroot %s php-config "$@" | sed "s#-I/#-I%s/#g"\n' "$root" "$root" > "$work/bin/php-config"
  chmod 0755 "$work/bin/php" "$work/bin/php-config"
}

build_php() {
  make_root
  wrappers
  PHP=$work/bin/php PHP_CONFIG=$work/bin/php-config \
    cargo build --release --locked -p onlyoffice-jwt-php --target-dir "$repo/target/php84"
}

# Runs a command in the root, with /repo the repository (read-only use) and the
# network of the host (pip needs PyPI).
in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 "$@"
}

mount_repo() {
  mkdir -p "$root/repo" "$root/proc" "$root/dev"
  mountpoint -q "$root/repo" || mount --bind "$repo" "$root/repo"
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
}

unmount_repo() {
  for point in repo proc dev; do
    mountpoint -q "$root/$point" && umount "$root/$point" || true
  done
}

test_in_root() {
  local dist=$1 version=$2
  make_root
  mount_repo
  trap unmount_repo EXIT
  rm -rf "$root/tmp/dist" && mkdir -p "$root/tmp/dist"
  cp "$dist"/php8.4-onlyoffice-jwt_*.deb "$dist"/onlyoffice-jwt-php-common_*.deb "$dist"/onlyoffice-jwt-cli_*.deb \
    "$dist"/libonlyoffice-jwt0_*.deb "$dist"/libonlyoffice-jwt-dev_*.deb "$dist"/*-abi3-*.whl "$root/tmp/dist/"
  local start=$SECONDS
  echo "==> Debian 13: $(in_root php -r 'echo "PHP ", PHP_VERSION;'), $(in_root python3 --version)"
  # The PHP 8.4 package: dpkg -i, enabled for the CLI, the whole PHPUnit suite (PHPUnit
  # 11 of Debian 13, php/phpunit11.xml), and under valgrind; dpkg -r removes every file.
  in_root sh -c 'dpkg -i /tmp/dist/onlyoffice-jwt-php-common_*.deb /tmp/dist/php8.4-onlyoffice-jwt_*.deb' >/dev/null
  in_root php -m | grep -qx onlyoffice_jwt
  local files
  files=$(in_root dpkg -L php8.4-onlyoffice-jwt onlyoffice-jwt-php-common)
  in_root sh -c 'cd /repo && phpunit --configuration php/phpunit11.xml'
  in_root sh -c 'cd /repo && USE_ZEND_ALLOC=0 valgrind --quiet --error-exitcode=3 --num-callers=50 \
    --suppressions=tests/valgrind/zxcvbn.supp php -d pcre.jit=0 /usr/bin/phpunit --configuration php/phpunit11.xml \
    php/tests/ReentrancyTest.php'
  in_root dpkg -r php8.4-onlyoffice-jwt onlyoffice-jwt-php-common >/dev/null
  ! in_root php -m | grep -qx onlyoffice_jwt
  while read -r file; do
    case $file in /etc/*) continue ;; esac
    if [ -f "$root$file" ]; then
      echo "debian13: dpkg -r left $file" >&2
      exit 1
    fi
  done <<< "$files"
  in_root dpkg -P php8.4-onlyoffice-jwt onlyoffice-jwt-php-common >/dev/null
  echo "php8.4 package: installed, PHPUnit passed on PHP 8.4 (and the re-entrancy suite under valgrind), removed"
  # The CLI and the C library: install, run, build a C program with pkg-config, remove.
  in_root sh -c 'dpkg -i /tmp/dist/onlyoffice-jwt-cli_*.deb /tmp/dist/libonlyoffice-jwt0_*.deb \
    /tmp/dist/libonlyoffice-jwt-dev_*.deb' >/dev/null
  [ "$(in_root onlyoffice-jwt --version)" = "onlyoffice-jwt $version" ]
  in_root sh -c 'onlyoffice-jwt keygen --no-newline > /tmp/key && onlyoffice-jwt sign "{\"a\":1}" \
    --secret-file /tmp/key | onlyoffice-jwt verify - --secret-file /tmp/key >/dev/null'
  in_root sh -c 'cd /repo && gcc -std=c11 -Wall -Wextra -Werror -o /tmp/sign_verify bindings/c/examples/sign_verify.c \
    $(pkg-config --cflags --libs onlyoffice_jwt) && /tmp/sign_verify >/dev/null'
  in_root dpkg -P onlyoffice-jwt-cli libonlyoffice-jwt-dev libonlyoffice-jwt0 >/dev/null
  echo "CLI and C library packages: installed, ran, built a C program, removed"
  # The abi3 wheel in a venv of Debian 13's Python 3.13: the whole Python suite.
  in_root rm -rf /tmp/venv
  in_root python3 -m venv /tmp/venv
  # pip trusts what the host trusts (a proxy's own CA, where there is one).
  cp /etc/ssl/certs/ca-certificates.crt "$root/tmp/host-ca.crt"
  in_root sh -c 'PIP_CERT=/tmp/host-ca.crt /tmp/venv/bin/pip install -q --disable-pip-version-check pytest "PyJWT==2.15.1" \
    "Django>=4.2,<6" "requests>=2.31,<3" /tmp/dist/*-abi3-*.whl'
  in_root sh -c 'cd /repo && PYTHONDONTWRITEBYTECODE=1 /tmp/venv/bin/python -m pytest -q -p no:cacheprovider \
    -c python/pyproject.toml python/tests'
  echo "abi3 wheel: the Python suite passed on Python 3.13"
  echo "debian13: $((SECONDS - start)) s in the Debian 13 root"
}

case ${1:-} in
  root) make_root ;;
  build-php) build_php ;;
  test) test_in_root "$2" "$3" ;;
  *) echo "usage: $0 root | build-php | test DIST VERSION" >&2; exit 2 ;;
esac
