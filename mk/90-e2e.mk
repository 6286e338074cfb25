# End to end (tests/e2e): a Nextcloud-like PHP endpoint (php -S) and a Seahub-like Python
# endpoint against a Document Server stand-in (Node, npm jsonwebtoken) and an attacker.
# e2e-demo: the PHP extension, the Python module and the CLI installed as a user would,
#   every check printed as it runs, then the table.
# test-e2e: the stand-in's self-check, then the same scenarios with the freshly built PHP
#   extension and CLI (never a stale install); fails on any wrong outcome.
.PHONY: e2e-deps test-e2e-ds e2e-demo test-e2e

E2E := $(ROOT)/tests/e2e
NODE ?= node
NPM ?= npm
E2E_RUN = $(PYTHON) $(E2E)/run.py --php $(PHP) --python $(PYTHON) --node $(NODE)

$(E2E)/node_modules/.package-lock.json: $(E2E)/package.json $(E2E)/package-lock.json
	cd $(E2E) && $(NPM) ci --no-audit --no-fund --loglevel=error

e2e-deps: deps $(E2E)/node_modules/.package-lock.json

test-e2e-ds: e2e-deps
	cd $(E2E) && $(NODE) --test ds.test.js

## make e2e-demo — the end-to-end demo with the installed extension, module and CLI.
e2e-demo: e2e-deps install-php install-python install-cli
	$(E2E_RUN) --cli $(DESTDIR)$(CLI_PREFIX)/bin/onlyoffice-jwt --verbose

## make test-e2e — the end-to-end scenarios with the fresh builds.
test-e2e: test-e2e-ds $(PHP_TEST_INI) install-python build-cli
	$(E2E_RUN) --cli $(ROOT)/target/release/onlyoffice-jwt --php-ini-scan-dir $(PHP_TEST_INI)

TEST_TARGETS += test-e2e
DEMO_TARGETS += e2e-demo
