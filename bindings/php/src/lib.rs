//! The PHP extension `onlyoffice_jwt`: every operation of the onlyoffice-jwt core as an
//! `OnlyOffice\Jwt\<operation>` function.
//!
//! The binding is thin: each function converts its PHP arguments to JSON values
//! ([`convert`]), calls `onlyoffice_jwt::json_api::<operation>` (which parses and
//! defaults the options), converts the result back and maps a failure onto the
//! exception class of its error code ([`exceptions`]). Every call runs inside
//! `catch_unwind`: a panic becomes a `JwtException` with code -1 (`internal`) and
//! never reaches PHP.
//! Arguments are taken untyped so that a wrong type is an `InvalidInputException`
//! (code 13) rather than a PHP `TypeError`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};
use onlyoffice_jwt::host::{Failure, JsonWriter};
use onlyoffice_jwt::json_api::{self, Options};
use onlyoffice_jwt::{Keyring, Result, Secret};

use crate::collector::Paused;
use serde_json::Value;

pub mod collector;
pub mod convert;
pub mod exceptions;
pub mod memory;
pub mod sensitive;
pub mod table;

/// Rust's allocations in this extension (JSON values, strings) go to mimalloc: the
/// conversions allocate many small blocks per call, and with glibc's malloc they took
/// about half the time of `sign`. PHP's own memory stays with the Zend allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs one operation: conversion, core call and conversion back, with panics caught
/// and core errors turned into the matching exception. The operation reads its
/// arguments while the cycle collector is held off ([`collector`]); the result it
/// returns owns its data, and is turned into PHP values after the collector is back.
fn run(operation: impl FnOnce(&Paused) -> Result<Value>) -> PhpResult<Zval> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let value = {
            let paused = Paused::new();
            operation(&paused)?
        };
        match value.as_str() {
            Some(text) if text.len() >= convert::LARGE_STRING => {
                memory::check("result", text.len()).map(|()| value)
            }
            _ => Ok(value),
        }
    }));
    match result {
        Ok(Ok(value)) => Ok(convert::to_php(&value)),
        Ok(Err(error)) => Err(exceptions::from_error(&error)),
        Err(_) => Err(exceptions::internal()),
    }
}

/// The keyring for a secret argument (one secret or a list) and the call's options.
fn keyring(paused: &Paused, secret: &Zval, options: &Options<'_>) -> Result<Keyring> {
    options.keyring(convert::secrets_arg(paused, secret)?)
}

/// `sign(array|object $claims, string|array $secret, array $options = []): string` —
/// options `alg`, `ttl`, `iat`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\sign")]
pub fn sign(claims: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "sign", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        if !convert::is_object_like(claims) {
            // Not an object: the core decides (an empty array is an empty object;
            // anything else is refused with its message).
            let claims = convert::to_json(paused, claims, "claims")?;
            return json_api::sign(&claims, &keyring, options);
        }
        let sign_options = json_api::sign_options(&options)?;
        let mut writer = JsonWriter::for_claims();
        convert::write_json(paused, claims, "claims", &mut writer)?;
        onlyoffice_jwt::jwt::sign_written(writer, &keyring, &sign_options).map(Value::String)
    })
}

/// `sign_jws(string $header, string $payload, string|array $secret, array $options = []):
/// string` — the token over the given header and payload JSON texts, byte for byte (for
/// the firebase/php-jwt facade); option `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\sign_jws")]
pub fn sign_jws(
    header: &Zval,
    payload: &Zval,
    secret: &Zval,
    options: Option<&Zval>,
) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "sign_jws", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let header = convert::string_arg(paused, header, "header")?;
        let payload = convert::string_arg(paused, payload, "payload")?;
        json_api::sign_jws(header, payload, &keyring, options)
    })
}

/// `verify(string $token, string|array $secret, array $options = []): array|object` —
/// the verified claims; options `algorithms`, `leeway`, `verify_exp`, `verify_nbf`,
/// `verify_iat`, `require`, `max_size`, `now`, `allow_weak`, and this binding's
/// `objects` (the claims as `json_decode($json, false, 512, JSON_BIGINT_AS_STRING)`
/// gives them: `stdClass` objects, integers beyond PHP's range as strings).
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\verify")]
pub fn verify(token: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    let built = catch_unwind(AssertUnwindSafe(|| -> Result<Zval> {
        // Held off until the claims are built: the options and the token stay
        // borrowed until then ([`collector`]).
        let paused = Paused::new();
        let paused = &paused;
        // `objects` is this binding's own option (the form of the result, as
        // json_decode's $associative), not the core's.
        let (options, objects) = convert::host_options(paused, "verify", options, Some("objects"))?;
        let keyring = keyring(paused, secret, &options)?;
        let token = convert::string_arg(paused, token, "token")?;
        let verify_options = json_api::verify_options(&options)?;
        let payload = onlyoffice_jwt::jwt::verified_payload(token, &keyring, &verify_options)?;
        match onlyoffice_jwt::jwt::claims_with(
            &payload,
            &verify_options,
            &mut convert::PhpBuilder { objects },
        ) {
            Ok(claims) => Ok(claims),
            Err(Failure::Core(error) | Failure::Host(error)) => Err(error),
        }
    }));
    match built {
        Ok(Ok(claims)) => Ok(claims),
        Ok(Err(error)) => Err(exceptions::from_error(&error)),
        Err(_) => Err(exceptions::internal()),
    }
}

/// `decode_unverified(string $token, array $options = []): array` —
/// `['header' => …, 'claims' => …]` with **nothing verified**.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\decode_unverified")]
pub fn decode_unverified(token: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "decode_unverified", options, None)?;
        json_api::decode_unverified(convert::string_arg(paused, token, "token")?, options)
    })
}

/// `audit_ds_config(string $local_json_text, array $options = []): array` — the
/// findings for a Document Server `local.json`; option `connector_secret`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\audit_ds_config")]
pub fn audit_ds_config(local_json_text: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "audit_ds_config", options, None)?;
        json_api::audit_ds_config(
            convert::string_arg(paused, local_json_text, "local_json_text")?,
            options,
        )
    })
}

/// `sign_config(array|object $config, string|array $secret, array $options = []): array`
/// — the editor config with `token` added last; options `ttl`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\sign_config")]
pub fn sign_config(config: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "sign_config", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let config = convert::to_json(paused, config, "config")?;
        json_api::sign_config(&config, &keyring, options)
    })
}

/// `sign_request(array|object $body, string|array $secret, array $options = []): array`
/// — `['body' => …with token, 'headers' => [header => prefix . token], 'header_omitted'
/// => false]` (`headers` empty and `header_omitted` true when the header token would
/// reach 7168 characters); options `header`, `prefix`, `ttl`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\sign_request")]
pub fn sign_request(body: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "sign_request", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let body = convert::to_json(paused, body, "body")?;
        json_api::sign_request(&body, &keyring, options)
    })
}

/// `verify_callback(string $body, string|array $secret, array $options = []): array` —
/// the signed claims of a Document Server callback (`$body` is the raw request body);
/// options `authorization`, `prefix`, `leeway`, `expected_key`, `max_size`, `now`,
/// `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\verify_callback")]
pub fn verify_callback(body: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "verify_callback", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let body = convert::bytes_arg(paused, body, "body")?;
        json_api::verify_callback(body, &keyring, options)
    })
}

/// `verify_incoming(?string $authorization, string|array $secret, array $options = []):
/// array` — the signed claims of a request from the Document Server; options `url`,
/// `prefix`, `leeway`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\verify_incoming")]
pub fn verify_incoming(
    authorization: &Zval,
    secret: &Zval,
    options: Option<&Zval>,
) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "verify_incoming", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let authorization =
            convert::optional_string_arg(paused, Some(authorization), "authorization")?;
        json_api::verify_incoming(authorization, &keyring, options)
    })
}

/// `guard_callback(string $body, string|array $secret, string $ds_url, array $options =
/// []): array` — `['claims' => the signed claims, 'fetch' => [member => URL to fetch]]`
/// for a callback whose plain body is the signed one and whose URLs are on the Document
/// Server; options `authorization`, `ds_internal_url`, `extra_ds_urls`, `prefix`,
/// `algorithms`, `leeway`, `expected_key`, `max_size`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\guard_callback")]
pub fn guard_callback(
    body: &Zval,
    secret: &Zval,
    ds_url: &Zval,
    options: Option<&Zval>,
) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "guard_callback", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let body = convert::bytes_arg(paused, body, "body")?;
        let ds_url = convert::string_arg(paused, ds_url, "ds_url")?;
        json_api::guard_callback(body, &keyring, ds_url, options)
    })
}

/// `guard_download(?string $authorization, string|array $secret, string $target, array
/// $options = []): array` — the signed claims of a request from the Document Server
/// whose signed `url` names `$target` (this request's path and query, or its URL);
/// options `prefix`, `algorithms`, `leeway`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\guard_download")]
pub fn guard_download(
    authorization: &Zval,
    secret: &Zval,
    target: &Zval,
    options: Option<&Zval>,
) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "guard_download", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let authorization =
            convert::optional_string_arg(paused, Some(authorization), "authorization")?;
        let target = convert::string_arg(paused, target, "target")?;
        json_api::guard_download(authorization, &keyring, target, options)
    })
}

/// `check_download_url(string $url, string $ds_url, array $options = []): string` — the
/// URL to fetch, on the Document Server's (internal) origin; options `ds_internal_url`,
/// `extra_ds_urls`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\check_download_url")]
pub fn check_download_url(url: &Zval, ds_url: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "check_download_url", options, None)?;
        json_api::check_download_url(
            convert::string_arg(paused, url, "url")?,
            convert::string_arg(paused, ds_url, "ds_url")?,
            options,
        )
    })
}

/// `document_key(string|array $secret, string $file_id, int|string $version, array
/// $options = []): string` — the document key of one version of one file; option
/// `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\document_key")]
pub fn document_key(
    secret: &Zval,
    file_id: &Zval,
    version: &Zval,
    options: Option<&Zval>,
) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "document_key", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let version = convert::to_json(paused, version, "version")?;
        json_api::document_key(
            &keyring,
            convert::string_arg(paused, file_id, "file_id")?,
            &version,
            options,
        )
    })
}

/// `derive_secrets(string $master, array $options = []): array` — `inbox`, `outbox`,
/// `session`, `links`, `doc_keys` derived from one master secret; option `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\derive_secrets")]
pub fn derive_secrets(master: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "derive_secrets", options, None)?;
        let master = Secret::new(convert::bytes_arg(paused, master, "master")?);
        json_api::derive_secrets(&master, options)
    })
}

/// `sign_link(string $url, string|array $secret, array $options = []): string` — the URL
/// with `oo_exp` and `oo_sig` appended; options `ttl`, `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\sign_link")]
pub fn sign_link(url: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "sign_link", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let url = convert::string_arg(paused, url, "url")?;
        json_api::sign_link(url, &keyring, options)
    })
}

/// `verify_link(string $url, string|array $secret, array $options = []): string` — the
/// URL without `oo_exp` and `oo_sig` once its signature and expiry are checked; options
/// `now`, `allow_weak`.
#[php_function]
#[php(name = "OnlyOffice\\Jwt\\verify_link")]
pub fn verify_link(url: &Zval, secret: &Zval, options: Option<&Zval>) -> PhpResult<Zval> {
    run(|paused| {
        let (options, _) = convert::host_options(paused, "verify_link", options, None)?;
        let keyring = keyring(paused, secret, &options)?;
        let url = convert::string_arg(paused, url, "url")?;
        json_api::verify_link(url, &keyring, options)
    })
}

/// The extension's ini settings (php.ini or the web server's configuration, not
/// `ini_set`):
/// - `onlyoffice_jwt.compat_strict_keys` — with 1, the firebase/php-jwt facade refuses
///   keys shorter than firebase 7's minimums (32/48/64 bytes for HS256/384/512); with 0
///   (the default, as firebase 6.11 which the Nextcloud connector pins) it accepts them
///   and logs one warning per process;
/// - `onlyoffice_jwt.compat_leeway_floor` — the fewest seconds of clock tolerance the
///   facade's `JWT::decode` applies, whatever `JWT::$leeway` says (default 0: firebase's
///   behaviour; 60 is the Document Server's own tolerance, so that a DS clock a few
///   seconds ahead no longer fails every save of a connector that leaves the leeway 0).
static INI_ENTRIES: IniEntryDefs<3> = IniEntryDefs::new([
    IniEntryDef::new(
        c"onlyoffice_jwt.compat_strict_keys",
        c"0",
        IniEntryPermission::PerDir,
    ),
    IniEntryDef::new(
        c"onlyoffice_jwt.compat_leeway_floor",
        c"0",
        IniEntryPermission::PerDir,
    ),
    IniEntryDef::end(),
]);

/// Registers the ini settings and the exception classes and marks the secret
/// parameters at module startup (0 = success).
extern "C" fn startup(_type: i32, module_number: i32) -> i32 {
    let registered = catch_unwind(|| {
        IniEntryDef::register(INI_ENTRIES.as_slice(), module_number);
        exceptions::register().map(|()| sensitive::mark_secret_parameters())
    });
    match registered {
        Ok(Ok(true)) => 0,
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
        .function(wrap_function!(sign_jws))
        .function(wrap_function!(verify))
        .function(wrap_function!(decode_unverified))
        .function(wrap_function!(sign_config))
        .function(wrap_function!(sign_request))
        .function(wrap_function!(verify_callback))
        .function(wrap_function!(verify_incoming))
        .function(wrap_function!(guard_callback))
        .function(wrap_function!(guard_download))
        .function(wrap_function!(check_download_url))
        .function(wrap_function!(document_key))
        .function(wrap_function!(derive_secrets))
        .function(wrap_function!(sign_link))
        .function(wrap_function!(verify_link))
        .function(wrap_function!(audit_ds_config))
}
