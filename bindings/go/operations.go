// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make generate`). DO NOT EDIT.

package oojwt

/*
#include <stdlib.h>
#include <onlyoffice_jwt.h>
*/
import "C"

import "unsafe"

// Sign is `sign(claims, secret, alg="HS256", ttl=None, iat=True, now=None)`: Signs
// claims and returns the compact JWT. Adds `iat` (option `iat`) and, with `ttl`, `exp`
// = now + ttl. Arguments and the result are as in the C function oojwt_sign (JSON text
// where it takes or gives a value); options is a JSON object (nil: none).
func (k *Keyring) Sign(claims string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := textArg(claims)
		o, on := bytesArg(options)
		return C.oojwt_sign(keyring, a0, n0, o, on, out)
	})
}

// SignJws is `sign_jws(header, payload, secret)`: Signs a header and a payload given as
// JSON texts, byte for byte, and returns the compact JWT: for a facade that must
// reproduce another library's tokens. The header must be an object with an HS `alg`,
// `typ` absent or `JWT`, no `crit`/`b64`; the payload an object. Arguments and the
// result are as in the C function oojwt_sign_jws (JSON text where it takes or gives a
// value); options is a JSON object (nil: none).
func (k *Keyring) SignJws(header string, payload string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := textArg(header)
		a1, n1 := textArg(payload)
		o, on := bytesArg(options)
		return C.oojwt_sign_jws(keyring, a0, n0, a1, n1, o, on, out)
	})
}

// Verify is `verify(token, secret, algorithms=None, leeway=60, verify_exp=True,
// verify_nbf=True, verify_iat=True, require=None, max_size=1048576, now=None,
// time_rules="precise")`: Verifies a compact JWT strictly and returns its claims: the
// structure, the header, the signature in constant time, then the time claims (`nbf`,
// `iat`, `exp`, by `time_rules`), then the required claims. Raises the error of the
// first check that failed. Arguments and the result are as in the C function
// oojwt_verify (JSON text where it takes or gives a value); options is a JSON object
// (nil: none).
func (k *Keyring) Verify(token string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := textArg(token)
		o, on := bytesArg(options)
		return C.oojwt_verify(keyring, a0, n0, o, on, out)
	})
}

// DecodeUnverified is `decode_unverified(token, max_size=1048576)`: The header and
// claims of a compact JWT, `{"header": …, "claims": …}`, **nothing verified**: for
// inspection and logging only. Arguments and the result are as in the C function
// oojwt_decode_unverified (JSON text where it takes or gives a value); options is a
// JSON object (nil: none).
func DecodeUnverified(token string, options []byte) (string, error) {
	return call(func(out **C.char) C.int32_t {
		a0, n0 := textArg(token)
		o, on := bytesArg(options)
		return C.oojwt_decode_unverified(a0, n0, o, on, out)
	})
}

// SignConfig is `sign_config(config, secret, alg="HS256", ttl=None, now=None)`: Signs
// an editor config for the Document Server and returns it with `token` added last.
// Refuses a config the Document Server would reject or read otherwise than written: no
// `document.key` of `[0-9A-Za-z._=-]{1,128}`, no `document.url`, a top-level `url`,
// `payload` or `key`, a `__proto__` member, an integer beyond ±(2^53 − 1). Arguments
// and the result are as in the C function oojwt_sign_config (JSON text where it takes
// or gives a value); options is a JSON object (nil: none).
func (k *Keyring) SignConfig(config string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := textArg(config)
		o, on := bytesArg(options)
		return C.oojwt_sign_config(keyring, a0, n0, o, on, out)
	})
}

// SignRequest is `sign_request(body, secret, alg="HS256", header="Authorization",
// prefix="Bearer ", ttl=300, now=None)`: Signs a request body for the command,
// conversion or docbuilder service: `{"body": {…, "token"}, "headers": {header: prefix
// + token}, "header_omitted": false}`, the header token carrying `{"payload": body}`.
// When that token would reach 7168 characters, `headers` is empty and `header_omitted`
// true: send the body alone (the Document Server reads the body token first). A body
// with a `payload` or `query` member is refused. Arguments and the result are as in the
// C function oojwt_sign_request (JSON text where it takes or gives a value); options is
// a JSON object (nil: none).
func (k *Keyring) SignRequest(body string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := textArg(body)
		o, on := bytesArg(options)
		return C.oojwt_sign_request(keyring, a0, n0, o, on, out)
	})
}

// VerifyCallback is `verify_callback(body, secret, authorization=None, prefix="Bearer
// ", algorithms=None, leeway=60, expected_key=None, max_size=None, now=None)`: Verifies
// a save callback of the Document Server and returns its signed claims only: the body's
// `token` first, else the `authorization` header value; a `payload` claim is unwrapped;
// `key` and `status` must be signed. As the Document Server: `iat` is never a reason to
// refuse. Never read the plain body. Arguments and the result are as in the C function
// oojwt_verify_callback (JSON text where it takes or gives a value); options is a JSON
// object (nil: none).
func (k *Keyring) VerifyCallback(body []byte, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := bytesArg(body)
		o, on := bytesArg(options)
		return C.oojwt_verify_callback(keyring, (*C.uint8_t)(unsafe.Pointer(a0)), n0, o, on, out)
	})
}

// VerifyIncoming is `verify_incoming(authorization, secret, url=None, prefix="Bearer ",
// algorithms=None, leeway=60, now=None)`: Verifies a request of the Document Server to
// the connector (a file download) from its header value and returns the signed claims
// (`payload` unwrapped). No header value is `missing_token`. With `url`, the signed
// `url` must equal it, both as the Document Server requests them. Arguments and the
// result are as in the C function oojwt_verify_incoming (JSON text where it takes or
// gives a value); options is a JSON object (nil: none).
func (k *Keyring) VerifyIncoming(authorization *string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := optionalTextArg(authorization)
		o, on := bytesArg(options)
		return C.oojwt_verify_incoming(keyring, a0, n0, o, on, out)
	})
}

// GuardCallback is `guard_callback(body, secret, ds_url, authorization=None,
// ds_internal_url=None, extra_ds_urls=None, prefix="Bearer ", algorithms=None,
// leeway=60, expected_key=None, max_size=None, now=None)`: Guards a callback before
// connector code that trusts its plain body reads it: verified as `verify_callback`;
// every member of the plain body must be the signed one (absent is fine, `history` may
// be `{}`); every URL to fetch must be on the Document Server (as
// `check_download_url`). Returns `{"claims": <signed claims>, "fetch": {member: URL to
// fetch}}`. Arguments and the result are as in the C function oojwt_guard_callback
// (JSON text where it takes or gives a value); options is a JSON object (nil: none).
func (k *Keyring) GuardCallback(body []byte, dsURL string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := bytesArg(body)
		a2, n2 := textArg(dsURL)
		o, on := bytesArg(options)
		return C.oojwt_guard_callback(keyring, (*C.uint8_t)(unsafe.Pointer(a0)), n0, a2, n2, o, on, out)
	})
}

// GuardDownload is `guard_download(authorization, secret, target, prefix="Bearer ",
// algorithms=None, leeway=60, now=None)`: Guards a request of the Document Server to
// the connector (a file download): verified as `verify_incoming`; the signed `url` must
// name `target` (this request's path and query, or its whole URL) once both are
// normalised as the Document Server requests a URL. Returns the signed claims.
// Arguments and the result are as in the C function oojwt_guard_download (JSON text
// where it takes or gives a value); options is a JSON object (nil: none).
func (k *Keyring) GuardDownload(authorization *string, target string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := optionalTextArg(authorization)
		a2, n2 := textArg(target)
		o, on := bytesArg(options)
		return C.oojwt_guard_download(keyring, a0, n0, a2, n2, o, on, out)
	})
}

// CheckDownloadURL is `check_download_url(url, ds_url, ds_internal_url=None,
// extra_ds_urls=None)`: The URL to fetch for a callback's `url` or `changesurl`: on the
// Document Server's origin and under its path (`ds_url`, or `ds_internal_url`, to which
// a URL on `ds_url` is rewritten), or under one of `extra_ds_urls`; anything else is
// `url_not_allowed`. Fetch the result with a timeout. Arguments and the result are as
// in the C function oojwt_check_download_url (JSON text where it takes or gives a
// value); options is a JSON object (nil: none).
func CheckDownloadURL(url string, dsURL string, options []byte) (string, error) {
	return call(func(out **C.char) C.int32_t {
		a0, n0 := textArg(url)
		a1, n1 := textArg(dsURL)
		o, on := bytesArg(options)
		return C.oojwt_check_download_url(a0, n0, a1, n1, o, on, out)
	})
}

// DocumentKey is `document_key(secret, file_id, version)`: The document key of one
// version of one file: 32 characters of `[0-9A-Za-z_-]`, stable for (file_id, version),
// unguessable without the secret. Arguments and the result are as in the C function
// oojwt_document_key (JSON text where it takes or gives a value); options is a JSON
// object (nil: none).
func (k *Keyring) DocumentKey(fileID string, version string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a1, n1 := textArg(fileID)
		a2, n2 := textArg(version)
		o, on := bytesArg(options)
		return C.oojwt_document_key(keyring, a1, n1, a2, n2, o, on, out)
	})
}

// DeriveSecrets is `derive_secrets(master)`: Derives from one master secret the
// Document Server secrets `inbox`, `outbox`, `session` and the connector subkeys
// `links`, `doc_keys` (HKDF-SHA256), as base64url text. Arguments and the result are as
// in the C function oojwt_derive_secrets (JSON text where it takes or gives a value);
// options is a JSON object (nil: none).
func DeriveSecrets(master []byte, options []byte) (string, error) {
	return call(func(out **C.char) C.int32_t {
		a0, n0 := bytesArg(master)
		o, on := bytesArg(options)
		return C.oojwt_derive_secrets((*C.uint8_t)(unsafe.Pointer(a0)), n0, o, on, out)
	})
}

// SignLink is `sign_link(url, secret, ttl=900, now=None)`: Signs a connector URL (a
// download or callback endpoint) so that it expires: the URL with `oo_exp` and `oo_sig`
// appended. Arguments and the result are as in the C function oojwt_sign_link (JSON
// text where it takes or gives a value); options is a JSON object (nil: none).
func (k *Keyring) SignLink(url string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := textArg(url)
		o, on := bytesArg(options)
		return C.oojwt_sign_link(keyring, a0, n0, o, on, out)
	})
}

// VerifyLink is `verify_link(url, secret, now=None)`: Verifies a URL made by
// `sign_link` and returns it without `oo_exp` and `oo_sig`. Arguments and the result
// are as in the C function oojwt_verify_link (JSON text where it takes or gives a
// value); options is a JSON object (nil: none).
func (k *Keyring) VerifyLink(url string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		a0, n0 := textArg(url)
		o, on := bytesArg(options)
		return C.oojwt_verify_link(keyring, a0, n0, o, on, out)
	})
}

// AuditDsConfig is `audit_ds_config(local_json_text, connector_secret=None)`: Audits a
// Document Server `local.json` (its text): the findings, a list of objects `{severity,
// code, path, message, fix}` (plus `line`, `column`, `context` for a syntax error),
// errors first. Reads the files named by `secret.*.file`. Arguments and the result are
// as in the C function oojwt_audit_ds_config (JSON text where it takes or gives a
// value); options is a JSON object (nil: none).
func AuditDsConfig(localJSONText string, options []byte) (string, error) {
	return call(func(out **C.char) C.int32_t {
		a0, n0 := textArg(localJSONText)
		o, on := bytesArg(options)
		return C.oojwt_audit_ds_config(a0, n0, o, on, out)
	})
}
