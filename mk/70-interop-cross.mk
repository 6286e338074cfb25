# Cross-language interop (issue 8): the same claims signed by every binding (PHP, Python,
# C, CLI) give byte-identical tokens that PyJWT and npm jsonwebtoken 9 (the Document
# Server's library, with its options) verify; PyJWT's and jsonwebtoken's tokens and
# DS-style callbacks verify in every binding. Driver: tests/interop/cross/driver.py.
.PHONY: test-interop-cross build-cli-release

INTEROP_CROSS_DIR := tests/interop/cross

build-cli-release: deps
	$(CARGO) build --release --locked -p onlyoffice-jwt-cli

## make test-interop-cross — tokens across PHP, Python, C, the CLI, PyJWT and jsonwebtoken.
test-interop-cross: deps $(PHP_TEST_INI) install-python build-c build-cli-release
	cd $(INTEROP_CROSS_DIR) && npm ci --no-audit --no-fund
	OOJWT_PHP_INI_DIR=$(PHP_TEST_INI) OOJWT_C_LIB=$(C_LIBDIR)/libonlyoffice_jwt.so \
	OOJWT_CLI=$(ROOT)/target/release/onlyoffice-jwt PHP=$(PHP) \
		$(PYTHON) $(INTEROP_CROSS_DIR)/driver.py

TEST_TARGETS += test-interop-cross
