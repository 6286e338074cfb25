# The Go package (bindings/go): cgo over libonlyoffice_jwt, found with pkg-config in the
# build tree; go vet, gofmt and go test (its own tests and every shared vector).
.PHONY: test-go

GO ?= go
GO_ENV := PKG_CONFIG_PATH=$(C_PC_DIR) LD_LIBRARY_PATH=$(C_LIBDIR) GOCACHE=$(ROOT)/target/go-cache GOFLAGS=-mod=readonly

## make test-go — the Go package: gofmt, go vet, go test against the fresh C library.
test-go: build-c
	test -z "$$(gofmt -l bindings/go)" || { gofmt -l bindings/go; exit 1; }
	cd bindings/go && $(GO_ENV) $(GO) vet ./...
	cd bindings/go && $(GO_ENV) $(GO) test -count=1 -v ./...

TEST_TARGETS += test-go
