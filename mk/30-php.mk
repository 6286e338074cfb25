# PHP extension (bindings/php) and the firebase/php-jwt compatible facade (php/).
# build-php: release build; install-php: copy into PHP's extension dir and enable it;
# test-php: PHPUnit and the memory check against the fresh build; bench-php: benchmark.
.PHONY: build-php install-php test-php memory-php valgrind-php bench-php

PHP ?= php
PHPUNIT ?= phpunit
PHP_CONFIG ?= php-config
PHP_SO := $(ROOT)/target/release/libonlyoffice_jwt_php.so
# A scan directory holding the system's ini files (minus an installed onlyoffice_jwt.ini)
# and one that loads the freshly built library, so tests never run a stale install.
PHP_TEST_INI := $(ROOT)/target/php-test-ini
PHP_SCAN_DIR = $(shell $(PHP) --ini | sed -n 's/^Scan for additional .ini files in: *//p')

## make build-php — the PHP extension, release build.
build-php: deps
	$(CARGO) build --release --locked -p onlyoffice-jwt-php

$(PHP_TEST_INI): build-php
	rm -rf $@ && mkdir -p $@
	for ini in $(PHP_SCAN_DIR)/*.ini; do \
	  case "$$ini" in *onlyoffice_jwt.ini) ;; *) ln -s "$$ini" $@/ ;; esac; \
	done
	echo "extension=$(PHP_SO)" > $@/99-onlyoffice_jwt.ini

## make install-php — the extension into the system PHP (extension dir + ini).
install-php: build-php
	install -m 0755 $(PHP_SO) "$$($(PHP_CONFIG) --extension-dir)/onlyoffice_jwt.so"
	echo "extension=onlyoffice_jwt" > "$(PHP_SCAN_DIR)/20-onlyoffice_jwt.ini"
	$(PHP) -m | grep -qx onlyoffice_jwt
	@echo "installed: $$($(PHP_CONFIG) --extension-dir)/onlyoffice_jwt.so, $(PHP_SCAN_DIR)/20-onlyoffice_jwt.ini"

install: install-php

## make test-php — PHPUnit and the memory check against the fresh build.
test-php: $(PHP_TEST_INI) memory-php
	PHP_INI_SCAN_DIR=$(PHP_TEST_INI) $(PHPUNIT) --configuration php/phpunit.xml

memory-php: $(PHP_TEST_INI)
	PHP_INI_SCAN_DIR=$(PHP_TEST_INI) $(PHP) php/tests/memory_check.php 100000

# valgrind sees allocations through malloc only: this build leaves out mimalloc (the
# extension's allocator for Rust data) and runs PHP with USE_ZEND_ALLOC=0.
PHP_VALGRIND_TARGET := $(ROOT)/target/php-valgrind
# PHPUnit runs with PCRE's JIT off: valgrind reports the JIT's own wide reads past the
# end of PHPUnit's strings as invalid (none in the extension).
## make valgrind-php — the memory check and the PHPUnit suite under valgrind (the
## extension reads the engine's tables directly: bindings/php/src/table.rs).
valgrind-php: $(PHP_TEST_INI)
	$(CARGO) build --release --locked -p onlyoffice-jwt-php --no-default-features --target-dir $(PHP_VALGRIND_TARGET)
	rm -rf $(PHP_VALGRIND_TARGET)/ini && cp -a $(PHP_TEST_INI) $(PHP_VALGRIND_TARGET)/ini
	echo "extension=$(PHP_VALGRIND_TARGET)/release/libonlyoffice_jwt_php.so" > $(PHP_VALGRIND_TARGET)/ini/99-onlyoffice_jwt.ini
	PHP_INI_SCAN_DIR=$(PHP_VALGRIND_TARGET)/ini USE_ZEND_ALLOC=0 valgrind --leak-check=full --num-callers=50 --suppressions=$(ROOT)/tests/valgrind/zxcvbn.supp \
	  --error-exitcode=3 $(PHP) php/tests/memory_check.php 2000
	PHP_INI_SCAN_DIR=$(PHP_VALGRIND_TARGET)/ini USE_ZEND_ALLOC=0 valgrind --quiet \
	  --error-exitcode=3 $(PHP) -d pcre.jit=0 $$(command -v $(PHPUNIT)) --configuration php/phpunit.xml

## make bench-php — the PHP benchmark (not a test).
bench-php: $(PHP_TEST_INI)
	PHP_INI_SCAN_DIR=$(PHP_TEST_INI) $(PHP) php/bench/bench.php

TEST_TARGETS += test-php valgrind-php
DEMO_TARGETS += install-php
