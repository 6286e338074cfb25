# The .NET library (bindings/dotnet): P/Invoke over libonlyoffice_jwt, compiled and
# tested with Debian's Mono (mcs, mono) against the fresh C library and every shared vector.
.PHONY: build-dotnet test-dotnet

MCS ?= mcs
MONO ?= mono
DOTNET_TARGET := $(ROOT)/target/dotnet

## make build-dotnet — target/dotnet/OnlyOffice.Jwt.dll and its test runner.
build-dotnet: build-c
	mkdir -p $(DOTNET_TARGET)
	$(MCS) -target:library -warnaserror -out:$(DOTNET_TARGET)/OnlyOffice.Jwt.dll bindings/dotnet/OnlyOfficeJwt.cs bindings/dotnet/Operations.cs
	$(MCS) -warnaserror -r:$(DOTNET_TARGET)/OnlyOffice.Jwt.dll -out:$(DOTNET_TARGET)/Tests.exe bindings/dotnet/tests/Tests.cs bindings/dotnet/tests/Dispatch.cs

## make test-dotnet — the .NET tests under Mono (known answers, errors, every shared vector).
test-dotnet: build-dotnet c-vectors
	cd $(DOTNET_TARGET) && LD_LIBRARY_PATH=$(C_LIBDIR) $(MONO) Tests.exe $(C_TARGET)/vectors.txt $(DOTNET_TARGET)/deferred.txt
	python3 $(ROOT)/bindings/c/tests/compare_json.py $(DOTNET_TARGET)/deferred.txt

TEST_TARGETS += test-dotnet
