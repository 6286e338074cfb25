# Packages that install without a toolchain: make dist writes them into dist/, and
# test-dist installs them as an administrator would (scripts/test-dist.sh).
.PHONY: dist wheel sdist debs test-dist

DIST := $(ROOT)/dist

## make dist — dist/: the two wheels (manylinux_2_17, built with zig), the sdist, the .deb packages (PHP 8.2 and 8.4) and SHA256SUMS.
dist: wheel sdist debs
	cd $(DIST) && sha256sum *.whl *.tar.gz *.deb > SHA256SUMS
	@ls -l $(DIST)

## make wheel — dist/: the wheel for this machine's CPython and the abi3 wheel for any CPython >= 3.9,
## their manylinux tags checked by auditwheel. The version-specific wheel is the fast one
## (docs/benchmarks.md); the abi3 wheel is for the other Python versions.
wheel: deps
	mkdir -p $(DIST) && rm -f $(DIST)/*.whl
	cd python && $(PY_ENV) $(VENV)/bin/maturin build --release --locked --zig \
		--compatibility manylinux_2_17 --interpreter $(PYTHON) --out $(DIST)
	cd python && $(PY_ENV) $(VENV)/bin/maturin build --release --locked --zig \
		--compatibility manylinux_2_17 --features abi3 --out $(DIST)
	ls $(DIST)/*-abi3-*.whl $(DIST)/*-cp3*-cp3*-*.whl >/dev/null
	for wheel in $(DIST)/*.whl; do \
		$(VENV)/bin/auditwheel show $$wheel | tee $(ROOT)/target/auditwheel.txt; \
		tr -s ' \n' ' ' < $(ROOT)/target/auditwheel.txt | grep -q 'platform tag: "manylinux_2_17_x86_64"' || exit 1; \
	done

## make sdist — the source distribution of the Python module in dist/.
sdist: deps
	mkdir -p $(DIST) && rm -f $(DIST)/*.tar.gz
	cd python && $(PY_ENV) $(VENV)/bin/maturin sdist --out $(DIST)

## make debs — the Debian packages in dist/: the PHP extension for Debian 12's PHP 8.2 and
## Debian 13's PHP 8.4, the CLI, the C library and -dev.
debs: build-php build-php84 build-c build-cli
	mkdir -p $(DIST) && rm -f $(DIST)/*.deb
	PHP84_SO=$(PHP84_SO) PHP84_CONFIG=$(PHP84_CONFIG) bash scripts/build-debs.sh $(C_VERSION) $(C_ABI) $(DIST)

## make test-dist — dist/ installed without a toolchain: the wheel in a fresh venv, the .debs with dpkg -i/-r.
test-dist: dist
	bash scripts/test-dist.sh $(DIST) $(C_VERSION)

TEST_TARGETS += test-dist
