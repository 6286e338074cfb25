# Rust core: formatting, lints, unit and integration tests, benchmark.
.PHONY: fmt-check clippy test-rust bench-rust example

fmt-check: deps
	$(CARGO) fmt --all -- --check

clippy: deps
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

test-rust: deps
	$(CARGO) test --workspace --locked

bench-rust: deps
	$(CARGO) bench -p onlyoffice-jwt --bench jwt

example: deps
	$(CARGO) run -q -p onlyoffice-jwt --example sign_verify

TEST_TARGETS += fmt-check clippy test-rust
DEMO_TARGETS += example
