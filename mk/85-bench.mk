# Benchmarks (not tests): `make bench` prints one table for Rust, Python and PHP.
.PHONY: bench

## make bench — one benchmark table for Rust, Python and PHP (not a test).
bench: install-python $(PHP_TEST_INI)
	PHP_TEST_INI=$(PHP_TEST_INI) $(PYTHON) tests/bench/run.py
