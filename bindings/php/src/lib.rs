//! The PHP extension `onlyoffice_jwt`: every operation of the onlyoffice-jwt core as an
//! `OnlyOffice\Jwt\<operation>` function.
//!
//! The binding is thin: each function converts its PHP arguments to JSON values
//! ([`convert`]), calls `onlyoffice_jwt::json_api::<operation>` (which parses and
//! defaults the options), converts the result back and maps a failure onto the
//! exception class of its error code ([`exceptions`]). Every call runs inside
//! `catch_unwind`: a panic becomes a `JwtException` with code 0 and never reaches PHP.
//! Arguments are taken untyped so that a wrong type is an `InvalidInputException`
//! (code 13) rather than a PHP `TypeError`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use onlyoffice_jwt::{json_api, Keyring, Result};
use serde_json::Value;

pub mod convert;
pub mod exceptions;

/// Runs one operation: conversion, core call and conversion back, with panics caught
/// and core errors turned into the matching exception.
fn run(operation: impl FnOnce() -> Result<Value>) -> PhpResult<Zval> {
    match catch_unwind(AssertUnwindSafe(operation)) {
        Ok(Ok(value)) => Ok(convert::to_php(&value)),
        Ok(Err(error)) => Err(exceptions::from_error(&error)),
        Err(_) => Err(exceptions::internal()),
    }
}

/// The keyring for a secret argument (one secret or a list) and the call's options.
fn keyring(secret: &Zval, options: &Value) -> Result<Keyring> {
    json_api::keyring(convert::secrets_arg(secret)?, options)
}

/// `sign(array|object $claims, string|array $secret, array $options = []): string` —
/// options `alg`, `ttl`, `iat`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\sign")]
pub fn sign(claims: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|| {
        let options = convert::options_arg(options)?;
        let claims = convert::to_json(claims, "claims")?;
        json_api::sign(&claims, &keyring(secret, &options)?, &options)
    })
}

/// `verify(string $token, string|array $secret, array $options = []): array` — the
/// verified claims; options `algorithms`, `leeway`, `require`, `max_size`, `now`,
/// `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\verify")]
pub fn verify(token: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|| {
        let options = convert::options_arg(options)?;
        let token = convert::string_arg(token, "token")?;
        json_api::verify(token, &keyring(secret, &options)?, &options)
    })
}

/// `decode_unverified(string $token, array $options = []): array` —
/// `['header' => …, 'claims' => …]` with **nothing verified**.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\decode_unverified")]
pub fn decode_unverified(token: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|| {
        let options = convert::options_arg(options)?;
        json_api::decode_unverified(convert::string_arg(token, "token")?, &options)
    })
}

/// `audit_ds_config(string $local_json_text, array $options = []): array` — the
/// findings for a Document Server `local.json`; option `connector_secret`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\audit_ds_config")]
pub fn audit_ds_config(text: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|| {
        let options = convert::options_arg(options)?;
        json_api::audit_ds_config(convert::string_arg(text, "local_json_text")?, &options)
    })
}

/// Registers the exception classes at module startup (0 = success).
extern "C" fn startup(_type: i32, _module_number: i32) -> i32 {
    match catch_unwind(exceptions::register) {
        Ok(Ok(())) => 0,
        _ => 1,
    }
}

/// The module: name `onlyoffice_jwt`, the exception classes and the functions.
#[php_module]
#[php(startup = startup)]
pub fn module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .name("onlyoffice_jwt")
        .function(wrap_function!(sign))
        .function(wrap_function!(verify))
        .function(wrap_function!(decode_unverified))
        .function(wrap_function!(audit_ds_config))
}
