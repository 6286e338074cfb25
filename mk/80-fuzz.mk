# Fuzzing (not part of `make test`): `make fuzz FUZZ_SECONDS=600` runs each target that long.
.PHONY: fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := verify verify_callback check_download_url audit

## make fuzz — the cargo-fuzz targets, FUZZ_SECONDS each (not in make test).
fuzz: deps
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$target; \
	  $(CARGO) fuzz run -s none -O $$target corpus/$$target seeds/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 2>&1 | tail -n 4; \
	done
