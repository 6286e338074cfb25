# Rust core: formatting, lints, unit and integration tests, benchmark.
.PHONY: fmt-check clippy test-rust bench-rust example

## make fmt-check — cargo fmt --check over the workspace.
fmt-check: deps
	$(CARGO) fmt --all -- --check

## make clippy — cargo clippy, every target, warnings as errors.
clippy: deps
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

## make test-rust — the workspace tests (core, CLI with the DS stand-in, C binding).
test-rust: deps
	$(CARGO) test --workspace --locked

## make bench-rust — the Criterion benchmarks of sign and verify.
bench-rust: deps
	$(CARGO) bench -p onlyoffice-jwt --bench jwt

## make example — the Rust example (sign, verify).
example: deps
	$(CARGO) run -q -p onlyoffice-jwt --example sign_verify

TEST_TARGETS += fmt-check clippy test-rust
DEMO_TARGETS += example
