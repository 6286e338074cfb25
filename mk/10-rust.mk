# Rust core: formatting, lints, unit and integration tests, benchmark.
.PHONY: fmt-check clippy test-rust bench-rust example generate

## make fmt-check — cargo fmt --check over the workspace.
fmt-check: deps
	$(CARGO) fmt --all -- --check

## make clippy — cargo clippy, every target, warnings as errors.
clippy: deps
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

## make test-rust — the workspace tests (core, CLI with the DS stand-in, C binding).
test-rust: deps
	$(CARGO) test --workspace --locked

## make generate — write what is made from the table of operations and committed: the Python and PHP stubs, the Go and .NET operations, the reference of docs/api.md, the C header (then commit them; test-rust fails while they differ).
generate: deps
	OOJWT_WRITE_GENERATED=1 $(CARGO) test --locked -q -p onlyoffice-jwt-table --test generated
	OOJWT_WRITE_HEADER=1 $(CARGO) test --locked -q -p onlyoffice-jwt-c --lib -- committed_header

## make bench-rust — the Criterion benchmarks of sign and verify.
bench-rust: deps
	$(CARGO) bench -p onlyoffice-jwt --bench jwt

## make example — the Rust example (sign, verify).
example: deps
	$(CARGO) run -q -p onlyoffice-jwt --example sign_verify

TEST_TARGETS += fmt-check clippy test-rust
DEMO_TARGETS += example
