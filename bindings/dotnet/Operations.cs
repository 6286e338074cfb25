// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make
// generate`). DO NOT EDIT.
using System;
using System.Runtime.InteropServices;

namespace OnlyOffice.Jwt
{
    public static partial class Jwt
    {
        /// <summary><c>sign(claims, secret, alg="HS256", ttl=None, iat=True, now=None)</c>: Signs
        /// claims and returns the compact JWT. Adds `iat` (option `iat`) and, with `ttl`,
        /// `exp` = now + ttl. Arguments and the result are as in the C function oojwt_sign
        /// (JSON text where it takes or gives a value); options is a JSON object (null:
        /// none).</summary>
        public static string Sign(Keyring keyring, string claims, string options = null)
        {
            var claimsText = Native.Utf8(claims, "claims");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign(keyring.Handle, claimsText, Native.Len(claimsText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>sign_jws(header, payload, secret)</c>: Signs a header and a payload given as
        /// JSON texts, byte for byte, and returns the compact JWT: for a facade that must
        /// reproduce another library's tokens. The header must be an object with an HS
        /// `alg`, `typ` absent or `JWT`, no `crit`/`b64`; the payload an object. Arguments
        /// and the result are as in the C function oojwt_sign_jws (JSON text where it takes
        /// or gives a value); options is a JSON object (null: none).</summary>
        public static string SignJws(Keyring keyring, string header, string payload, string options = null)
        {
            var headerText = Native.Utf8(header, "header");
            var payloadText = Native.Utf8(payload, "payload");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_jws(keyring.Handle, headerText, Native.Len(headerText), payloadText, Native.Len(payloadText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>verify(token, secret, algorithms=None, leeway=60, verify_exp=True,
        /// verify_nbf=True, verify_iat=True, require=None, max_size=1048576, now=None,
        /// time_rules="precise")</c>: Verifies a compact JWT strictly and returns its
        /// claims: the structure, the header, the signature in constant time, then the time
        /// claims (`nbf`, `iat`, `exp`, by `time_rules`), then the required claims. Raises
        /// the error of the first check that failed. Arguments and the result are as in the
        /// C function oojwt_verify (JSON text where it takes or gives a value); options is
        /// a JSON object (null: none).</summary>
        public static string Verify(Keyring keyring, string token, string options = null)
        {
            var tokenText = Native.Utf8(token, "token");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify(keyring.Handle, tokenText, Native.Len(tokenText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>decode_unverified(token, max_size=1048576)</c>: The header and claims of a
        /// compact JWT, `{"header": …, "claims": …}`, **nothing verified**: for inspection
        /// and logging only. Arguments and the result are as in the C function
        /// oojwt_decode_unverified (JSON text where it takes or gives a value); options is
        /// a JSON object (null: none).</summary>
        public static string DecodeUnverified(string token, string options = null)
        {
            var tokenText = Native.Utf8(token, "token");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_decode_unverified(tokenText, Native.Len(tokenText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>sign_config(config, secret, alg="HS256", ttl=None, now=None)</c>: Signs an
        /// editor config for the Document Server and returns it with `token` added last.
        /// Refuses a config the Document Server would reject or read otherwise than
        /// written: no `document.key` of `[0-9A-Za-z._=-]{1,128}`, no `document.url`, a
        /// top-level `url`, `payload` or `key`, a `__proto__` member, an integer beyond
        /// ±(2^53 − 1). Arguments and the result are as in the C function oojwt_sign_config
        /// (JSON text where it takes or gives a value); options is a JSON object (null:
        /// none).</summary>
        public static string SignConfig(Keyring keyring, string config, string options = null)
        {
            var configText = Native.Utf8(config, "config");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_config(keyring.Handle, configText, Native.Len(configText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>sign_request(body, secret, alg="HS256", header="Authorization",
        /// prefix="Bearer ", ttl=300, now=None)</c>: Signs a request body for the command,
        /// conversion or docbuilder service: `{"body": {…, "token"}, "headers": {header:
        /// prefix + token}, "header_omitted": false}`, the header token carrying
        /// `{"payload": body}`. When that token would reach 7168 characters, `headers` is
        /// empty and `header_omitted` true: send the body alone (the Document Server reads
        /// the body token first). A body with a `payload` or `query` member is refused.
        /// Arguments and the result are as in the C function oojwt_sign_request (JSON text
        /// where it takes or gives a value); options is a JSON object (null: none).</summary>
        public static string SignRequest(Keyring keyring, string body, string options = null)
        {
            var bodyText = Native.Utf8(body, "body");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_request(keyring.Handle, bodyText, Native.Len(bodyText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>verify_callback(body, secret, authorization=None, prefix="Bearer ",
        /// algorithms=None, leeway=60, expected_key=None, max_size=None, now=None)</c>:
        /// Verifies a save callback of the Document Server and returns its signed claims
        /// only: the body's `token` first, else the `authorization` header value; a
        /// `payload` claim is unwrapped; `key` and `status` must be signed. As the Document
        /// Server: `iat` is never a reason to refuse. Never read the plain body. Arguments
        /// and the result are as in the C function oojwt_verify_callback (JSON text where
        /// it takes or gives a value); options is a JSON object (null: none).</summary>
        public static string VerifyCallback(Keyring keyring, byte[] body, string options = null)
        {
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify_callback(keyring.Handle, body, Native.Len(body), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>verify_incoming(authorization, secret, url=None, prefix="Bearer ",
        /// algorithms=None, leeway=60, now=None)</c>: Verifies a request of the Document
        /// Server to the connector (a file download) from its header value and returns the
        /// signed claims (`payload` unwrapped). No header value is `missing_token`. With
        /// `url`, the signed `url` must equal it, both as the Document Server requests
        /// them. Arguments and the result are as in the C function oojwt_verify_incoming
        /// (JSON text where it takes or gives a value); options is a JSON object (null:
        /// none).</summary>
        public static string VerifyIncoming(Keyring keyring, string authorization, string options = null)
        {
            var authorizationText = Native.Utf8(authorization, "authorization");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify_incoming(keyring.Handle, authorizationText, Native.Len(authorizationText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>guard_callback(body, secret, ds_url, authorization=None,
        /// ds_internal_url=None, extra_ds_urls=None, prefix="Bearer ", algorithms=None,
        /// leeway=60, expected_key=None, max_size=None, now=None)</c>: Guards a callback
        /// before connector code that trusts its plain body reads it: verified as
        /// `verify_callback`; every member of the plain body must be the signed one (absent
        /// is fine, `history` may be `{}`); every URL to fetch must be on the Document
        /// Server (as `check_download_url`). Returns `{"claims": &lt;signed claims&gt;,
        /// "fetch": {member: URL to fetch}}`. Arguments and the result are as in the C
        /// function oojwt_guard_callback (JSON text where it takes or gives a value);
        /// options is a JSON object (null: none).</summary>
        public static string GuardCallback(Keyring keyring, byte[] body, string dsUrl, string options = null)
        {
            var dsUrlText = Native.Utf8(dsUrl, "ds_url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_guard_callback(keyring.Handle, body, Native.Len(body), dsUrlText, Native.Len(dsUrlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>guard_download(authorization, secret, target, prefix="Bearer ",
        /// algorithms=None, leeway=60, now=None)</c>: Guards a request of the Document
        /// Server to the connector (a file download): verified as `verify_incoming`; the
        /// signed `url` must name `target` (this request's path and query, or its whole
        /// URL) once both are normalised as the Document Server requests a URL. Returns the
        /// signed claims. Arguments and the result are as in the C function
        /// oojwt_guard_download (JSON text where it takes or gives a value); options is a
        /// JSON object (null: none).</summary>
        public static string GuardDownload(Keyring keyring, string authorization, string target, string options = null)
        {
            var authorizationText = Native.Utf8(authorization, "authorization");
            var targetText = Native.Utf8(target, "target");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_guard_download(keyring.Handle, authorizationText, Native.Len(authorizationText), targetText, Native.Len(targetText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>check_download_url(url, ds_url, ds_internal_url=None,
        /// extra_ds_urls=None)</c>: The URL to fetch for a callback's `url` or
        /// `changesurl`: on the Document Server's origin and under its path (`ds_url`, or
        /// `ds_internal_url`, to which a URL on `ds_url` is rewritten), or under one of
        /// `extra_ds_urls`; anything else is `url_not_allowed`. Fetch the result with a
        /// timeout. Arguments and the result are as in the C function
        /// oojwt_check_download_url (JSON text where it takes or gives a value); options is
        /// a JSON object (null: none).</summary>
        public static string CheckDownloadUrl(string url, string dsUrl, string options = null)
        {
            var urlText = Native.Utf8(url, "url");
            var dsUrlText = Native.Utf8(dsUrl, "ds_url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_check_download_url(urlText, Native.Len(urlText), dsUrlText, Native.Len(dsUrlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>document_key(secret, file_id, version)</c>: The document key of one version
        /// of one file: 32 characters of `[0-9A-Za-z_-]`, stable for (file_id, version),
        /// unguessable without the secret. Arguments and the result are as in the C
        /// function oojwt_document_key (JSON text where it takes or gives a value); options
        /// is a JSON object (null: none).</summary>
        public static string DocumentKey(Keyring keyring, string fileId, string version, string options = null)
        {
            var fileIdText = Native.Utf8(fileId, "file_id");
            var versionText = Native.Utf8(version, "version");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_document_key(keyring.Handle, fileIdText, Native.Len(fileIdText), versionText, Native.Len(versionText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>derive_secrets(master)</c>: Derives from one master secret the Document
        /// Server secrets `inbox`, `outbox`, `session` and the connector subkeys `links`,
        /// `doc_keys` (HKDF-SHA256), as base64url text. Arguments and the result are as in
        /// the C function oojwt_derive_secrets (JSON text where it takes or gives a value);
        /// options is a JSON object (null: none).</summary>
        public static string DeriveSecrets(byte[] master, string options = null)
        {
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_derive_secrets(master, Native.Len(master), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>sign_link(url, secret, ttl=900, now=None)</c>: Signs a connector URL (a
        /// download or callback endpoint) so that it expires: the URL with `oo_exp` and
        /// `oo_sig` appended. Arguments and the result are as in the C function
        /// oojwt_sign_link (JSON text where it takes or gives a value); options is a JSON
        /// object (null: none).</summary>
        public static string SignLink(Keyring keyring, string url, string options = null)
        {
            var urlText = Native.Utf8(url, "url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_link(keyring.Handle, urlText, Native.Len(urlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>verify_link(url, secret, now=None)</c>: Verifies a URL made by `sign_link`
        /// and returns it without `oo_exp` and `oo_sig`. Arguments and the result are as in
        /// the C function oojwt_verify_link (JSON text where it takes or gives a value);
        /// options is a JSON object (null: none).</summary>
        public static string VerifyLink(Keyring keyring, string url, string options = null)
        {
            var urlText = Native.Utf8(url, "url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify_link(keyring.Handle, urlText, Native.Len(urlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary><c>audit_ds_config(local_json_text, connector_secret=None)</c>: Audits a
        /// Document Server `local.json` (its text): the findings, a list of objects
        /// `{severity, code, path, message, fix}` (plus `line`, `column`, `context` for a
        /// syntax error), errors first. Reads the files named by `secret.*.file`. Arguments
        /// and the result are as in the C function oojwt_audit_ds_config (JSON text where
        /// it takes or gives a value); options is a JSON object (null: none).</summary>
        public static string AuditDsConfig(string localJsonText, string options = null)
        {
            var localJsonTextText = Native.Utf8(localJsonText, "local_json_text");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_audit_ds_config(localJsonTextText, Native.Len(localJsonTextText), optionsText, Native.Len(optionsText), out r));
        }
    }

    internal static partial class Native
    {
        [DllImport(Lib)] internal static extern int oojwt_sign(KeyringHandle k, byte[] claims, UIntPtr claimsLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_sign_jws(KeyringHandle k, byte[] header, UIntPtr headerLen, byte[] payload, UIntPtr payloadLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_verify(KeyringHandle k, byte[] token, UIntPtr tokenLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_decode_unverified(byte[] token, UIntPtr tokenLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_sign_config(KeyringHandle k, byte[] config, UIntPtr configLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_sign_request(KeyringHandle k, byte[] body, UIntPtr bodyLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_verify_callback(KeyringHandle k, byte[] body, UIntPtr bodyLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_verify_incoming(KeyringHandle k, byte[] authorization, UIntPtr authorizationLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_guard_callback(KeyringHandle k, byte[] body, UIntPtr bodyLen, byte[] dsUrl, UIntPtr dsUrlLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_guard_download(KeyringHandle k, byte[] authorization, UIntPtr authorizationLen, byte[] target, UIntPtr targetLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_check_download_url(byte[] url, UIntPtr urlLen, byte[] dsUrl, UIntPtr dsUrlLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_document_key(KeyringHandle k, byte[] fileId, UIntPtr fileIdLen, byte[] version, UIntPtr versionLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_derive_secrets(byte[] master, UIntPtr masterLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_sign_link(KeyringHandle k, byte[] url, UIntPtr urlLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_verify_link(KeyringHandle k, byte[] url, UIntPtr urlLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_audit_ds_config(byte[] localJsonText, UIntPtr localJsonTextLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
    }
}
