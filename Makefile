# onlyoffice-jwt — the two commands: `make demo` and `make test`.
# Each language's targets live in mk/<part>.mk; they add themselves to TEST_TARGETS.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
VENV := $(CURDIR)/.venv
PYTHON := $(VENV)/bin/python
ROOT := $(CURDIR)

TEST_TARGETS :=
DEMO_TARGETS :=
INSTALL_TARGETS :=

.PHONY: all deps demo test install clean help
all: test

deps: target/.deps-stamp
target/.deps-stamp: scripts/install-deps.sh requirements-dev.txt
	bash scripts/install-deps.sh
	mkdir -p target && touch $@

include $(sort $(wildcard mk/*.mk))

## make test — every suite: fmt, clippy, Rust, C, PHP, Python, vectors, interop.
test: deps $(TEST_TARGETS)
	@echo "make test: every suite passed ($(TEST_TARGETS))"

## make install — every part's install target (mk/*.mk add to INSTALL_TARGETS).
install: deps $(INSTALL_TARGETS)

## make demo — build, install, run the end-to-end demo.
demo: deps $(DEMO_TARGETS)

## make clean — cargo clean.
clean:
	$(CARGO) clean

## make help — this list: every target documented with a `## make` line.
help:
	@grep -h '^## make ' $(MAKEFILE_LIST) | sed -e 's/^## make /  make /'
