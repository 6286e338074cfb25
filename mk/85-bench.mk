# Benchmarks (not tests): `make bench` prints one table for Rust, Python and PHP.
.PHONY: bench

bench: install-python $(PHP_TEST_INI)
	PHP_TEST_INI=$(PHP_TEST_INI) $(PYTHON) tests/bench/run.py
