# Included by the Makefile that phpize/configure generate (PIE runs them): builds the
# extension with cargo, for the PHP whose php-config configure was given, and puts it
# in modules/, where `make install` (install-modules) takes it from.
all: $(phplibdir)/onlyoffice_jwt.so
install-modules: $(phplibdir)/onlyoffice_jwt.so

$(phplibdir)/onlyoffice_jwt.so: onlyoffice-jwt-cargo-build
	mkdir -p $(phplibdir)
	cp $(builddir)/cargo-target/release/libonlyoffice_jwt_php.so $@

onlyoffice-jwt-cargo-build:
	cd $(srcdir) && PHP_CONFIG=$(PHP_CONFIG) $(CARGO) build --release --locked -p onlyoffice-jwt-php --target-dir $(builddir)/cargo-target

.PHONY: onlyoffice-jwt-cargo-build
