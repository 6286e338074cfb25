#!/usr/bin/env bash
# Installs what `make dist` wrote as an administrator would, without a Rust toolchain,
# and checks it works; then removes it again. Usage: scripts/test-dist.sh DIST VERSION
#  1. each wheel (this CPython's and the abi3 one), into a fresh virtualenv whose PATH has
#     no cargo or rustc: the Python suite passes against it;
#  2. the .deb packages with dpkg -i: the system `php -m` lists onlyoffice_jwt (enabled on
#     install; after phpdismod, an upgrade leaves it disabled; after phpenmod, enabled),
#     `onlyoffice-jwt --version` runs, a C program builds with pkg-config and
#     runs against the installed library; then dpkg -r removes every file.
# An extension or CLI installed by hand before (make demo) is set aside and put back.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$1 version=$2
root=$(pwd)
work=$root/target/dist-test
rm -rf "$work"
mkdir -p "$work/aside"

bare_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
if PATH=$bare_path command -v cargo rustc >/dev/null; then
  echo "test-dist: cargo or rustc is on the bare PATH; the wheel test would not prove anything" >&2
  exit 1
fi
# First as docs/seahub.md says (pip chooses among the wheels: this CPython's own), then
# the abi3 wheel by name.
for choice in chosen abi3; do
  echo "==> the $choice wheel, in a fresh virtualenv without Rust"
  rm -rf "$work/venv"
  PATH=$bare_path /usr/bin/python3 -m venv "$work/venv"
  PATH=$bare_path "$work/venv/bin/pip" install -q --disable-pip-version-check \
    pytest "PyJWT==2.15.1" "Django>=4.2,<6" "requests>=2.31,<3"
  if [ "$choice" = chosen ]; then
    (cd "$dist" && PATH=$bare_path "$work/venv/bin/python3" -m pip install -q --disable-pip-version-check \
      --no-index --find-links . onlyoffice-jwt)
    native=$("$work/venv/bin/python" -c "import onlyoffice_jwt._native as n; print(n.__file__)")
    case $native in
      *abi3*) echo "test-dist: pip chose the abi3 wheel over this CPython's own" >&2; exit 1 ;;
    esac
  else
    PATH=$bare_path "$work/venv/bin/pip" install -q --disable-pip-version-check "$dist"/*-abi3-*.whl
  fi
  (cd "$root" && PATH=$work/venv/bin:$bare_path "$work/venv/bin/python" -m pytest -q -p no:cacheprovider \
    -c python/pyproject.toml python/tests)
done

echo "==> the Debian packages"
php_package="php$(php-config --version | cut -d. -f1,2)-onlyoffice-jwt"
packages=(libonlyoffice-jwt0 libonlyoffice-jwt-dev onlyoffice-jwt-cli "$php_package" onlyoffice-jwt-php-common)
# This host's packages: every .deb but the PHP extension of another PHP version.
debs=("$dist"/lib*.deb "$dist"/onlyoffice-jwt-cli_*.deb "$dist"/onlyoffice-jwt-php-common_*.deb \
  "$dist"/"$php_package"_*.deb)
ext=$(php-config --extension-dir)/onlyoffice_jwt.so
aside=()
for file in "$ext" /usr/local/bin/onlyoffice-jwt /etc/php/*/*/conf.d/*onlyoffice_jwt.ini; do
  if [ -e "$file" ] && ! dpkg -S "$file" >/dev/null 2>&1; then
    mkdir -p "$work/aside$(dirname "$file")"
    mv "$file" "$work/aside$file"
    aside+=("$file")
  fi
done
restore() {
  for file in "${aside[@]}"; do mv "$work/aside$file" "$file"; done
}
trap restore EXIT

# As on a machine where the package was never installed: no module state recorded by
# phpenmod/phpdismod for onlyoffice_jwt (an earlier run, or a build whose prerm recorded
# every removal as the administrator's, would otherwise decide for this one).
if ! dpkg-query -W "$php_package" >/dev/null 2>&1; then
  rm -f /var/lib/php/modules/*/*/*_by_*/onlyoffice_jwt
fi
dpkg -i "${debs[@]}" >/dev/null
php -m | grep -qx onlyoffice_jwt
# An upgrade keeps the administrator's choice (dpkg runs prerm upgrade, then postinst
# configure): disabled with phpdismod, it stays disabled; enabled again, it stays enabled.
php_deb=$(ls "$dist"/"$php_package"_*.deb)
php_version=$(php-config --version | cut -d. -f1,2)
phpdismod -v "$php_version" -s ALL onlyoffice_jwt
! php -m | grep -qx onlyoffice_jwt
dpkg -i "$php_deb" >/dev/null
if php -m | grep -qx onlyoffice_jwt; then
  echo "test-dist: an upgrade enabled the extension the administrator had disabled" >&2
  exit 1
fi
phpenmod -v "$php_version" -s ALL onlyoffice_jwt
dpkg -i "$php_deb" >/dev/null
php -m | grep -qx onlyoffice_jwt
echo "upgrade: the administrator's phpdismod and phpenmod were both kept"
php -r 'require "/usr/share/php/onlyoffice-jwt/autoload.php";
  $k = str_repeat("k", 16) . "0123456789abcdef";
  $t = OnlyOffice\Jwt\Compat\JWT::encode(["a" => 1], $k, "HS256");
  exit(OnlyOffice\Jwt\Compat\JWT::decode($t, new OnlyOffice\Jwt\Compat\Key($k, "HS256"))->a === 1 ? 0 : 1);'
[ "$(onlyoffice-jwt --version)" = "onlyoffice-jwt $version" ]
gcc -std=c11 -Wall -Wextra -Werror -o "$work/sign_verify" bindings/c/examples/sign_verify.c \
  $(pkg-config --cflags --libs onlyoffice_jwt)
readelf -d "$work/sign_verify" | grep -q 'NEEDED.*\[libonlyoffice_jwt.so.0\]'
"$work/sign_verify" >/dev/null
echo "installed: $(dpkg-query -W -f '${Package} ${Version}, ' "${packages[@]}")php -m lists onlyoffice_jwt"

dpkg -r "${packages[@]}" >/dev/null
! php -m | grep -qx onlyoffice_jwt
! command -v onlyoffice-jwt >/dev/null
! pkg-config --exists onlyoffice_jwt
[ ! -e "$ext" ] && [ ! -e "/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/libonlyoffice_jwt.so.0" ]
dpkg -P "$php_package" >/dev/null  # its ini is a conffile, kept by -r
echo "removed: every file of the packages is gone"
echo "test-dist: the wheels and the packages install, work and are removed cleanly"
