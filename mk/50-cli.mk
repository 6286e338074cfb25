# Command-line tool `onlyoffice-jwt`: its tests (with the Document Server stand-in in
# tests/ds-standin) and its install.
.PHONY: test-cli build-cli install-cli

CLI_PREFIX ?= /usr/local
DS_STANDIN_MODULES := tests/ds-standin/node_modules/.package-lock.json

$(DS_STANDIN_MODULES): tests/ds-standin/package.json tests/ds-standin/package-lock.json
	cd tests/ds-standin && npm ci --no-audit --no-fund

# The workspace tests (test-rust) include the CLI's assert_cmd tests, which start the
# stand-in; test-cli adds the stand-in's own self-check.
## make test-rust — the workspace tests (core, CLI with the DS stand-in, C binding).
test-rust: $(DS_STANDIN_MODULES)

## make test-cli — the Document Server stand-in's self-check.
test-cli: deps $(DS_STANDIN_MODULES)
	cd tests/ds-standin && node --test

## make build-cli — the release binary target/release/onlyoffice-jwt.
build-cli: deps
	$(CARGO) build --release --locked -p onlyoffice-jwt-cli

## make install-cli — the release binary as $(CLI_PREFIX)/bin/onlyoffice-jwt.
install-cli: build-cli
	install -d $(DESTDIR)$(CLI_PREFIX)/bin
	install -m 0755 target/release/onlyoffice-jwt $(DESTDIR)$(CLI_PREFIX)/bin/onlyoffice-jwt

TEST_TARGETS += test-cli
DEMO_TARGETS += install-cli
INSTALL_TARGETS += install-cli
