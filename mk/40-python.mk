# Python module onlyoffice_jwt (bindings/python + python/): install, tests, benchmark.
.PHONY: install-python test-python test-pyjwt-suite bench-python

# pip runs maturin (installed in .venv) without build isolation, so that no network is
# needed and the build reuses ./target.
PY_ENV := PATH="$(VENV)/bin:$(PATH)"

## make install-python — build the abi3 wheel and install it into .venv.
install-python: deps
	$(PY_ENV) $(VENV)/bin/pip install -q --no-build-isolation --no-deps --force-reinstall ./python

## make test-python — the pytest suite against the installed module (no tests = failure).
test-python: install-python
	cd $(ROOT) && $(PY_ENV) $(PYTHON) -m pytest -c python/pyproject.toml \
		-q python/tests || { rc=$$?; [ $$rc -ne 5 ] || echo "test-python: no tests ran"; exit $$rc; }

# PyJWT's own test suite, from its sdist on PyPI (hash-checked, unpacked under target/,
# never committed), run against onlyoffice_jwt.compat: every test but the JWKS client's
# (network, RSA keys); the facade's deliberate refusals are strict xfails, listed in
# python/tests/pyjwt_suite/run_pyjwt_suite.py and docs/seahub.md.
PYJWT_VERSION := 2.15.1
PYJWT_SHA256 := 4f259e80cdfb6b3fc18a7de51fd1ef9ec79652f25019bae68975ca2468a34df8
PYJWT_SUITE := $(ROOT)/target/pyjwt-suite

## make test-pyjwt-suite — PyJWT 2.15.1's own tests against onlyoffice_jwt.compat.
test-pyjwt-suite: install-python
	rm -rf $(PYJWT_SUITE) && mkdir -p $(PYJWT_SUITE)/sdist
	echo "PyJWT==$(PYJWT_VERSION) --hash=sha256:$(PYJWT_SHA256)" > $(PYJWT_SUITE)/requirement.txt
	$(VENV)/bin/pip download -q --no-deps --no-binary :all: --require-hashes \
		-r $(PYJWT_SUITE)/requirement.txt -d $(PYJWT_SUITE)/sdist
	tar -xzf $(PYJWT_SUITE)/sdist/pyjwt-$(PYJWT_VERSION).tar.gz -C $(PYJWT_SUITE) \
		--strip-components=1 pyjwt-$(PYJWT_VERSION)/tests pyjwt-$(PYJWT_VERSION)/pyproject.toml
	cd $(PYJWT_SUITE) && $(PY_ENV) $(PYTHON) $(ROOT)/python/tests/pyjwt_suite/run_pyjwt_suite.py \
		-q -p no:cacheprovider --ignore=tests/test_jwks_client.py

## make bench-python — sign/verify of the editor config against PyJWT (not a test).
bench-python: install-python
	cd $(ROOT) && $(PYTHON) python/bench/bench.py

TEST_TARGETS += test-python test-pyjwt-suite
DEMO_TARGETS += install-python
