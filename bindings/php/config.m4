dnl phpize/PIE build of the onlyoffice_jwt extension: the library is built by cargo
dnl (Makefile.frag); there is no C source. Needs cargo and libclang (ext-php-rs).
PHP_ARG_ENABLE([onlyoffice_jwt],
  [whether to enable the onlyoffice_jwt extension],
  [AS_HELP_STRING([--enable-onlyoffice_jwt], [Enable onlyoffice_jwt (Rust, built with cargo)])],
  [yes])

if test "$PHP_ONLYOFFICE_JWT" != "no"; then
  AC_PATH_PROG([CARGO], [cargo], [no], [$PATH:$HOME/.cargo/bin])
  if test "$CARGO" = "no"; then
    AC_MSG_ERROR([cargo (the Rust toolchain) is required to build onlyoffice_jwt: https://rustup.rs])
  fi
  PHP_SUBST([CARGO])
  PHP_SUBST([PHP_CONFIG])
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag], [$abs_srcdir], [$abs_builddir])
fi
