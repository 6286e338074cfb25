# C ABI (bindings/c): libonlyoffice_jwt.so/.a, the cbindgen header, onlyoffice_jwt.pc,
# and the C test under valgrind. The libraries are built in the shared target/release;
# everything else the C part makes (pkg-config file, test programs, staging) is in target/c.
.PHONY: build-c c-vectors header-c test-c test-c-static test-c-install install-c

PREFIX ?= /usr/local
DESTDIR ?=
C_TARGET := $(ROOT)/target/c
C_LIBDIR := $(ROOT)/target/release
C_VERSION := $(shell sed -n 's/^version = "\(.*\)"$$/\1/p' $(ROOT)/Cargo.toml | head -n 1)
# The C ABI's major version: the SONAME is libonlyoffice_jwt.so.$(C_ABI) (bindings/c/build.rs).
C_ABI := $(shell sed -n 's/^const ABI: u32 = \([0-9]*\);$$/\1/p' $(ROOT)/bindings/c/build.rs)
C_PC_DIR := $(C_TARGET)/pkgconfig
C_CC ?= gcc
C_CFLAGS := -std=c11 -Wall -Wextra -Werror -g -DOOJWT_EXPECTED_VERSION='"$(C_VERSION)"'
C_VALGRIND := valgrind --quiet --leak-check=full --error-exitcode=1 \
	--num-callers=50 --suppressions=$(ROOT)/tests/valgrind/zxcvbn.supp
C_TEST_SRC := $(ROOT)/bindings/c/tests/test_oojwt.c
C_EXAMPLE_SRC := $(ROOT)/bindings/c/examples/sign_verify.c
# onlyoffice_jwt.pc for a prefix: $(call c-pc,prefix,libdir,includedir)
c-pc = sed -e 's|@PREFIX@|$(1)|' -e 's|@LIBDIR@|$(2)|' -e 's|@INCLUDEDIR@|$(3)|' \
	-e 's|@VERSION@|$(C_VERSION)|' $(ROOT)/bindings/c/onlyoffice_jwt.pc.in

## make build-c — libonlyoffice_jwt.so/.a and onlyoffice_jwt.pc in target/.
build-c: deps
	$(CARGO) build --release --locked -p onlyoffice-jwt-c
	ln -sf libonlyoffice_jwt.so $(C_LIBDIR)/libonlyoffice_jwt.so.$(C_ABI)
	mkdir -p $(C_PC_DIR) $(C_TARGET)/static
	$(call c-pc,$(ROOT),$(C_LIBDIR),$(ROOT)/bindings/c/include) > $(C_PC_DIR)/onlyoffice_jwt.pc
	cp $(C_LIBDIR)/libonlyoffice_jwt.a $(C_TARGET)/static/

# The shared vectors and attacks as the C test reads them (see bindings/c/tests/flatten_vectors.py).
# Its layout of each operation and its vector_call come from the table of operations.
c-vectors: deps
	$(CARGO) run -q --locked -p onlyoffice-jwt-table --example c_vectors -- $(C_TARGET)
	python3 $(ROOT)/bindings/c/tests/flatten_vectors.py $(C_TARGET)/vector_layout.json \
		$(C_TARGET)/vectors.txt $(ROOT)/tests/vectors $(ROOT)/tests/attacks

## make header-c — regenerate bindings/c/include/onlyoffice_jwt.h (then commit it).
header-c: deps
	OOJWT_WRITE_HEADER=1 $(CARGO) test --locked -p onlyoffice-jwt-c --lib -- committed_header

## make test-c — header up to date, Rust-side tests, C test and example under valgrind.
test-c: build-c c-vectors
	$(CARGO) test --locked -p onlyoffice-jwt-c
	PKG_CONFIG_PATH=$(C_PC_DIR) $(C_CC) $(C_CFLAGS) -I$(C_TARGET) -o $(C_TARGET)/test_oojwt $(C_TEST_SRC) -pthread \
		$$(PKG_CONFIG_PATH=$(C_PC_DIR) pkg-config --cflags --libs onlyoffice_jwt)
	LD_LIBRARY_PATH=$(C_LIBDIR) $(C_VALGRIND) $(C_TARGET)/test_oojwt $(C_TARGET)/vectors.txt \
		$(C_TARGET)/deferred.txt
	python3 $(ROOT)/bindings/c/tests/compare_json.py $(C_TARGET)/deferred.txt
	$(C_CC) $(C_CFLAGS) -o $(C_TARGET)/sign_verify $(C_EXAMPLE_SRC) \
		$$(PKG_CONFIG_PATH=$(C_PC_DIR) pkg-config --cflags --libs onlyoffice_jwt)
	LD_LIBRARY_PATH=$(C_LIBDIR) $(C_VALGRIND) $(C_TARGET)/sign_verify
	python3 $(ROOT)/bindings/c/tests/check_docs.py $(ROOT)/docs/c.md $(C_EXAMPLE_SRC)

## make test-c-static — the same C test linked against libonlyoffice_jwt.a (Libs.private).
test-c-static: build-c c-vectors
	$(C_CC) $(C_CFLAGS) -I$(C_TARGET) -o $(C_TARGET)/test_oojwt_static $(C_TEST_SRC) -pthread \
		$$(PKG_CONFIG_PATH=$(C_PC_DIR) pkg-config --static --define-variable=libdir=$(C_TARGET)/static \
		--cflags --libs onlyoffice_jwt)
	! ldd $(C_TARGET)/test_oojwt_static | grep -q onlyoffice_jwt
	$(C_VALGRIND) $(C_TARGET)/test_oojwt_static $(C_TARGET)/vectors.txt $(C_TARGET)/deferred-static.txt
	python3 $(ROOT)/bindings/c/tests/compare_json.py $(C_TARGET)/deferred-static.txt

## make test-c-install — install into a staging directory and build the example from it.
test-c-install: build-c
	rm -rf $(C_TARGET)/stage
	$(MAKE) --no-print-directory install-c DESTDIR=$(C_TARGET)/stage PREFIX=/usr/local
	$(C_CC) $(C_CFLAGS) -o $(C_TARGET)/sign_verify_installed $(C_EXAMPLE_SRC) \
		$$(PKG_CONFIG_SYSROOT_DIR=$(C_TARGET)/stage PKG_CONFIG_LIBDIR=$(C_TARGET)/stage/usr/local/lib/pkgconfig \
		pkg-config --cflags --libs onlyoffice_jwt)
	LD_LIBRARY_PATH=$(C_TARGET)/stage/usr/local/lib $(C_TARGET)/sign_verify_installed
	readelf -d $(C_TARGET)/stage/usr/local/lib/libonlyoffice_jwt.so.$(C_VERSION) | grep -q 'SONAME.*\[libonlyoffice_jwt.so.$(C_ABI)\]'
	readelf -d $(C_TARGET)/sign_verify_installed | grep -q 'NEEDED.*\[libonlyoffice_jwt.so.$(C_ABI)\]'
	test "$$(readlink $(C_TARGET)/stage/usr/local/lib/libonlyoffice_jwt.so)" = libonlyoffice_jwt.so.$(C_ABI)
	test "$$(readlink $(C_TARGET)/stage/usr/local/lib/libonlyoffice_jwt.so.$(C_ABI))" = libonlyoffice_jwt.so.$(C_VERSION)

## make install-c — libraries (libonlyoffice_jwt.so.VERSION, .so.ABI and .so links), header and onlyoffice_jwt.pc under $(PREFIX) (/usr/local).
install-c: build-c
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 0755 $(C_LIBDIR)/libonlyoffice_jwt.so $(DESTDIR)$(PREFIX)/lib/libonlyoffice_jwt.so.$(C_VERSION)
	ln -sf libonlyoffice_jwt.so.$(C_VERSION) $(DESTDIR)$(PREFIX)/lib/libonlyoffice_jwt.so.$(C_ABI)
	ln -sf libonlyoffice_jwt.so.$(C_ABI) $(DESTDIR)$(PREFIX)/lib/libonlyoffice_jwt.so
	install -m 0644 $(C_LIBDIR)/libonlyoffice_jwt.a $(DESTDIR)$(PREFIX)/lib/
	install -m 0644 $(ROOT)/bindings/c/include/onlyoffice_jwt.h $(DESTDIR)$(PREFIX)/include/
	$(call c-pc,$(PREFIX),$${prefix}/lib,$${prefix}/include) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/onlyoffice_jwt.pc
	if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

TEST_TARGETS += test-c test-c-static test-c-install
INSTALL_TARGETS += install-c
