#!/usr/bin/env bash
# Builds the Debian packages of onlyoffice-jwt with dpkg-deb, from the release builds in
# target/release (make dist runs it after building them). Usage:
#   scripts/build-debs.sh VERSION ABI OUTDIR
# Writes into OUTDIR:
#   php8.2-onlyoffice-jwt_VERSION_ARCH.deb   the PHP extension for Debian 12's PHP 8.2
#   php8.4-onlyoffice-jwt_VERSION_ARCH.deb   the same for Debian 13's PHP 8.4, when
#                                            PHP84_SO and PHP84_CONFIG are set
#   onlyoffice-jwt-php-common_VERSION_all.deb  what both need: the firebase/php-jwt
#                                            facade and the Nextcloud guard app
#   onlyoffice-jwt-cli_VERSION_ARCH.deb      the command-line tool
#   libonlyoffice-jwt0_VERSION_ARCH.deb      the C library (SONAME libonlyoffice_jwt.so.ABI)
#   libonlyoffice-jwt-dev_VERSION_ARCH.deb   its header, static library, .so link, .pc
set -euo pipefail
cd "$(dirname "$0")/.."

version=$1 abi=$2 out=$3
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
maintainer="onlyoffice-jwt developers <onlyoffice-jwt@example.invalid>"
stage=target/debs
rm -rf "$stage"
mkdir -p "$stage" "$out"

# control FILE PACKAGE DEPENDS DESCRIPTION [EXTRA...]: writes DEBIAN/control.
control() {
  local root=$1 package=$2 depends=$3 description=$4
  mkdir -p "$root/DEBIAN"
  {
    echo "Package: $package"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: $maintainer"
    echo "Section: $5"
    echo "Priority: optional"
    [ -n "$depends" ] && echo "Depends: $depends"
    echo "Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)"
    echo "Description: $description"
    echo " onlyoffice-jwt does every security-sensitive step of an ONLYOFFICE Docs"
    echo " connector in one Rust core: JWT signing and verification, document keys,"
    echo " derived secrets, signed links and callback checks."
  } > "$root/DEBIAN/control"
}

# pack ROOT: the .deb of a staged tree, owned by root.
pack() {
  dpkg-deb --root-owner-group --build "$1" "$out" >/dev/null
}

# What every PHP package shares, in one architecture-independent package (so that the
# packages of two PHP versions install side by side): the firebase/php-jwt facade and
# the Nextcloud guard app.
common_root="$stage/php-common"
mkdir -p "$common_root/usr/share/php/onlyoffice-jwt" "$common_root/usr/share/onlyoffice-jwt"
cp -r php/autoload.php php/firebase-aliases.php php/src "$common_root/usr/share/php/onlyoffice-jwt/"
cp -r php/nextcloud-app "$common_root/usr/share/onlyoffice-jwt/nextcloud-app"
control "$common_root" onlyoffice-jwt-php-common "" \
  "ONLYOFFICE Docs connector security for PHP: firebase/php-jwt facade, Nextcloud guard app" php
sed -i 's/^Architecture: .*/Architecture: all/' "$common_root/DEBIAN/control"
pack "$common_root"

# The PHP extension for one PHP (its ini enabled for every SAPI): php_package SO
# PHP_CONFIG writes php<version>-onlyoffice-jwt.
php_package() {
  local so=$1 php_config=$2
  local php_api php_ext_dir php_version php_root script when action
  php_api=$($php_config --phpapi)
  php_ext_dir=$($php_config --extension-dir)
  php_version=$($php_config --version | cut -d. -f1,2)
  php_root="$stage/php$php_version"
  install -D -m 0644 "$so" "$php_root$php_ext_dir/onlyoffice_jwt.so"
  install -D -m 0644 /dev/stdin "$php_root/etc/php/$php_version/mods-available/onlyoffice_jwt.ini" <<EOF
; priority=20
; onlyoffice-jwt: the OnlyOffice\Jwt\* functions. Uncomment to refuse keys shorter than
; firebase/php-jwt 7's minimums in the OnlyOffice\Jwt\Compat facade:
; onlyoffice_jwt.compat_strict_keys = 1
; The facade's least clock tolerance (seconds) whatever JWT::\$leeway says: 60 is the
; Document Server's own, so that a DS clock a few seconds ahead does not fail saves.
; onlyoffice_jwt.compat_leeway_floor = 60
extension=onlyoffice_jwt.so
EOF
  control "$php_root" "php$php_version-onlyoffice-jwt" \
    "phpapi-$php_api, libc6, onlyoffice-jwt-php-common (= $version)" \
    "ONLYOFFICE Docs connector security for PHP $php_version (onlyoffice_jwt extension)" php
  # The maintainer scripts go through Debian's php-maintscript-helper, as Debian's own
  # PHP extension packages do: the module is enabled on the first install, and an
  # upgrade keeps the administrator's choice (php_invoke records "disabled by
  # maintainer" in prerm and re-enables only that in postinst; a module the
  # administrator disabled with phpdismod stays disabled). Removal disables it; purge
  # forgets the recorded state.
  for script in postinst prerm postrm; do
    case $script in
      postinst) when='[ "$1" = configure ]' action=enmod ;;
      prerm) when='true' action=dismod ;;
      postrm) when='[ "$1" = purge ]' action=dismod ;;
    esac
    cat > "$php_root/DEBIAN/$script" <<EOF
#!/bin/sh
set -e
if $when && [ -e /usr/lib/php/php-maintscript-helper ]; then
  . /usr/lib/php/php-maintscript-helper
  php_invoke $action $php_version ALL onlyoffice_jwt
fi
EOF
  done
  chmod 0755 "$php_root/DEBIAN/postinst" "$php_root/DEBIAN/prerm" "$php_root/DEBIAN/postrm"
  echo "/etc/php/$php_version/mods-available/onlyoffice_jwt.ini" > "$php_root/DEBIAN/conffiles"
  pack "$php_root"
}

php_package target/release/libonlyoffice_jwt_php.so php-config
# PHP 8.4 (Debian 13), when its build is given (make dist: scripts/debian13.sh build-php).
if [ -n "${PHP84_SO:-}" ]; then
  php_package "$PHP84_SO" "$PHP84_CONFIG"
fi

# The command-line tool.
cli_root="$stage/cli"
install -D -m 0755 target/release/onlyoffice-jwt "$cli_root/usr/bin/onlyoffice-jwt"
control "$cli_root" onlyoffice-jwt-cli "libc6" \
  "ONLYOFFICE Docs connector security: sign, verify, audit, derive, probe" utils
pack "$cli_root"

# The C library, and its development files.
lib_root="$stage/lib"
lib="usr/lib/$multiarch"
install -D -m 0644 target/release/libonlyoffice_jwt.so "$lib_root/$lib/libonlyoffice_jwt.so.$version"
ln -s "libonlyoffice_jwt.so.$version" "$lib_root/$lib/libonlyoffice_jwt.so.$abi"
control "$lib_root" "libonlyoffice-jwt$abi" "libc6" \
  "ONLYOFFICE Docs connector security for C and every language with a C FFI" libs
echo "activate-noawait ldconfig" > "$lib_root/DEBIAN/triggers"
pack "$lib_root"

dev_root="$stage/dev"
install -D -m 0644 bindings/c/include/onlyoffice_jwt.h "$dev_root/usr/include/onlyoffice_jwt.h"
install -D -m 0644 target/release/libonlyoffice_jwt.a "$dev_root/$lib/libonlyoffice_jwt.a"
ln -s "libonlyoffice_jwt.so.$abi" "$dev_root/$lib/libonlyoffice_jwt.so"
mkdir -p "$dev_root/$lib/pkgconfig"
sed -e 's|@PREFIX@|/usr|' -e "s|@LIBDIR@|\${prefix}/lib/$multiarch|" -e 's|@INCLUDEDIR@|${prefix}/include|' \
  -e "s|@VERSION@|$version|" bindings/c/onlyoffice_jwt.pc.in > "$dev_root/$lib/pkgconfig/onlyoffice_jwt.pc"
control "$dev_root" libonlyoffice-jwt-dev "libonlyoffice-jwt$abi (= $version)" \
  "ONLYOFFICE Docs connector security for C: header and development files" libdevel
pack "$dev_root"
