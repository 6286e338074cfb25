# Debian 13 ("trixie", PHP 8.4, Python 3.13) beside the Debian 12 host: a root made by
# mmdebstrap in target/debian13 (kept between runs), the extension built against its
# PHP 8.4, and the packages installed and tested in it (scripts/debian13.sh).
.PHONY: build-php84 test-debian13

PHP84_SO := $(ROOT)/target/php84/release/libonlyoffice_jwt_php.so
PHP84_CONFIG := $(ROOT)/target/debian13/bin/php-config

## make build-php84 — the PHP extension built against Debian 13's PHP 8.4 (in the Debian 13 root).
build-php84: deps
	bash scripts/debian13.sh build-php

## make test-debian13 — in a Debian 13 root: the PHP 8.4, CLI and C library packages (dpkg -i, tests, dpkg -r), the abi3 wheel on Python 3.13.
test-debian13: dist
	bash scripts/debian13.sh test $(DIST) $(C_VERSION)

TEST_TARGETS += test-debian13
