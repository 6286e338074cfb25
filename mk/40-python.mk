# Python module onlyoffice_jwt (bindings/python + python/): install, tests, benchmark.
.PHONY: install-python test-python bench-python

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

## make bench-python — sign/verify of the editor config against PyJWT (not a test).
bench-python: install-python
	cd $(ROOT) && $(PYTHON) python/bench/bench.py

TEST_TARGETS += test-python
DEMO_TARGETS += install-python
