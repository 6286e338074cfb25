// OnlyOffice.Jwt: the operations of onlyoffice-jwt (docs/api.md) for C# and every .NET
// language, over the C library libonlyoffice_jwt (P/Invoke). Arguments and results are
// JSON texts, as in the C ABI; options are a JSON object (null: none). A failure throws
// JwtException, which carries the shared error name and number. Secrets stay inside the
// library, in a Keyring (a SafeHandle: freed, and zeroized, even when not disposed).
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace OnlyOffice.Jwt
{
    /// <summary>A failure of the library: <see cref="Name"/> and <see cref="Number"/> are
    /// the shared error name and number ("bad_signature", 2); the message never holds a
    /// secret or a whole token.</summary>
    public sealed class JwtException : Exception
    {
        /// <summary>The shared error number (docs/api.md), -1 for an internal error.</summary>
        public int Number { get; }

        /// <summary>The shared error name, e.g. "weak_secret".</summary>
        public string Name { get; }

        internal JwtException(int number, string message) : base(message)
        {
            Number = number;
            Name = Native.Text(Native.oojwt_error_name(number));
        }
    }

    /// <summary>The keyring handle: released with oojwt_keyring_free, which zeroizes the
    /// secrets.</summary>
    internal sealed class KeyringHandle : SafeHandle
    {
        public KeyringHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            Native.oojwt_keyring_free(handle);
            return true;
        }
    }

    /// <summary>One or more secrets held by the library: the first signs, all verify
    /// (rotation).</summary>
    public sealed class Keyring : IDisposable
    {
        internal readonly KeyringHandle Handle;

        /// <summary>A keyring of one secret (bytes; a text secret is its UTF-8). Weak
        /// secrets are refused unless <paramref name="allowWeak"/>.</summary>
        public Keyring(byte[] secret, bool allowWeak = false)
        {
            Native.Check(Native.oojwt_keyring_new(secret, Native.Len(secret), allowWeak, out Handle));
        }

        /// <summary>A keyring of one text secret.</summary>
        public Keyring(string secret, bool allowWeak = false) : this(Native.Utf8(secret, "secret"), allowWeak) { }

        /// <summary>Adds a secret that still verifies but no longer signs.</summary>
        public void AddPrevious(byte[] secret, bool allowWeak = false)
        {
            Native.Check(Native.oojwt_keyring_add_previous(Handle, secret, Native.Len(secret), allowWeak));
        }

        /// <summary>Releases the secrets now (zeroized).</summary>
        public void Dispose() => Handle.Dispose();
    }

    /// <summary>The operations, each as its C function.</summary>
    public static class Jwt
    {
        /// <summary>The library's version.</summary>
        public static string Version => Native.Text(Native.oojwt_version());

        /// <summary>The token for the JSON object <paramref name="claims"/>.</summary>
        public static string Sign(Keyring keyring, string claims, string options = null)
        {
            var claimsText = Native.Utf8(claims, "claims");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign(keyring.Handle, claimsText, Native.Len(claimsText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The token over the given header and payload JSON texts, byte for byte.</summary>
        public static string SignJws(Keyring keyring, string header, string payload, string options = null)
        {
            var headerText = Native.Utf8(header, "header");
            var payloadText = Native.Utf8(payload, "payload");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_jws(keyring.Handle, headerText, Native.Len(headerText), payloadText, Native.Len(payloadText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The claims (JSON) of a strictly verified token.</summary>
        public static string Verify(Keyring keyring, string token, string options = null)
        {
            var tokenText = Native.Utf8(token, "token");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify(keyring.Handle, tokenText, Native.Len(tokenText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>{"header", "claims"} of a token, nothing verified.</summary>
        public static string DecodeUnverified(string token)
        {
            var tokenText = Native.Utf8(token, "token");
            return Native.Call((out IntPtr r) => Native.oojwt_decode_unverified(tokenText, Native.Len(tokenText), null, UIntPtr.Zero, out r));
        }

        /// <summary>The editor config with its token appended.</summary>
        public static string SignConfig(Keyring keyring, string config, string options = null)
        {
            var configText = Native.Utf8(config, "config");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_config(keyring.Handle, configText, Native.Len(configText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>{"body", "headers", "header_omitted"} of a request to the Document Server.</summary>
        public static string SignRequest(Keyring keyring, string body, string options = null)
        {
            var bodyText = Native.Utf8(body, "body");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_request(keyring.Handle, bodyText, Native.Len(bodyText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The signed claims of a callback's raw body.</summary>
        public static string VerifyCallback(Keyring keyring, byte[] body, string options = null)
        {
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify_callback(keyring.Handle, body, Native.Len(body), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The signed claims of a request from the Document Server (null: no header).</summary>
        public static string VerifyIncoming(Keyring keyring, string authorization, string options = null)
        {
            var authorizationText = Native.Utf8(authorization, "authorization");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify_incoming(keyring.Handle, authorizationText, Native.Len(authorizationText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>Guards a callback: verified, its plain body the signed one, its URLs on the
        /// Document Server. {"claims", "fetch"} as JSON.</summary>
        public static string GuardCallback(Keyring keyring, byte[] body, string dsUrl, string options = null)
        {
            var dsUrlText = Native.Utf8(dsUrl, "ds_url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_guard_callback(keyring.Handle, body, Native.Len(body), dsUrlText, Native.Len(dsUrlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>Guards a request from the Document Server: verified, its signed url naming
        /// <paramref name="target"/> (the request's path and query, or its URL).</summary>
        public static string GuardDownload(Keyring keyring, string authorization, string target, string options = null)
        {
            var authorizationText = Native.Utf8(authorization, "authorization");
            var targetText = Native.Utf8(target, "target");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_guard_download(keyring.Handle, authorizationText, Native.Len(authorizationText), targetText, Native.Len(targetText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The URL to fetch for a callback url, on the Document Server only.</summary>
        public static string CheckDownloadUrl(string url, string dsUrl, string options = null)
        {
            var urlText = Native.Utf8(url, "url");
            var dsUrlText = Native.Utf8(dsUrl, "ds_url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_check_download_url(urlText, Native.Len(urlText), dsUrlText, Native.Len(dsUrlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The document key of (fileId, version); version is JSON text.</summary>
        public static string DocumentKey(Keyring keyring, string fileId, string version)
        {
            var fileIdText = Native.Utf8(fileId, "file_id");
            var versionText = Native.Utf8(version, "version");
            return Native.Call((out IntPtr r) => Native.oojwt_document_key(keyring.Handle, fileIdText, Native.Len(fileIdText), versionText, Native.Len(versionText), null, UIntPtr.Zero, out r));
        }

        /// <summary>The derived secrets (JSON) of a master secret.</summary>
        public static string DeriveSecrets(byte[] master, string options = null)
        {
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_derive_secrets(master, Native.Len(master), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The URL with oo_exp and oo_sig appended.</summary>
        public static string SignLink(Keyring keyring, string url, string options = null)
        {
            var urlText = Native.Utf8(url, "url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_sign_link(keyring.Handle, urlText, Native.Len(urlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>A verified link without oo_exp and oo_sig.</summary>
        public static string VerifyLink(Keyring keyring, string url, string options = null)
        {
            var urlText = Native.Utf8(url, "url");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_verify_link(keyring.Handle, urlText, Native.Len(urlText), optionsText, Native.Len(optionsText), out r));
        }

        /// <summary>The findings (JSON list) for a Document Server local.json.</summary>
        public static string AuditDsConfig(string localJson, string options = null)
        {
            var localJsonText = Native.Utf8(localJson, "local_json_text");
            var optionsText = Native.Utf8(options, "options");
            return Native.Call((out IntPtr r) => Native.oojwt_audit_ds_config(localJsonText, Native.Len(localJsonText), optionsText, Native.Len(optionsText), out r));
        }

    }

    /// <summary>The C functions (onlyoffice_jwt.h) and the conversions around them.</summary>
    internal static class Native
    {
        const string Lib = "onlyoffice_jwt";

        internal delegate int Operation(out IntPtr result);

        [DllImport(Lib)] internal static extern IntPtr oojwt_version();
        [DllImport(Lib)] internal static extern IntPtr oojwt_error_name(int code);
        [DllImport(Lib)] internal static extern IntPtr oojwt_last_error();
        [DllImport(Lib)] internal static extern void oojwt_free(IntPtr text);
        [DllImport(Lib)] internal static extern int oojwt_keyring_new(byte[] secret, UIntPtr len, [MarshalAs(UnmanagedType.U1)] bool allowWeak, out KeyringHandle keyring);
        [DllImport(Lib)] internal static extern int oojwt_keyring_add_previous(KeyringHandle keyring, byte[] secret, UIntPtr len, [MarshalAs(UnmanagedType.U1)] bool allowWeak);
        [DllImport(Lib)] internal static extern void oojwt_keyring_free(IntPtr keyring);
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
        [DllImport(Lib)] internal static extern int oojwt_audit_ds_config(byte[] localJson, UIntPtr localJsonLen, byte[] options, UIntPtr optionsLen, out IntPtr result);

        /// <summary>UTF-8 that throws on a lone surrogate instead of writing U+FFFD.</summary>
        static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>The UTF-8 of a text argument (null stays null). A string holding a lone
        /// UTF-16 surrogate has no UTF-8: it is invalid_input, never replaced (two
        /// different file ids must never become one document key, nor two secrets one).</summary>
        internal static byte[] Utf8(string text, string what)
        {
            if (text == null) return null;
            try { return StrictUtf8.GetBytes(text); }
            catch (EncoderFallbackException)
            {
                throw new JwtException(InvalidInput, what + " is not valid text: it holds a lone UTF-16 surrogate");
            }
        }

        /// <summary>The shared number of invalid_input.</summary>
        internal const int InvalidInput = 13;

        internal static UIntPtr Len(byte[] bytes) => (UIntPtr)(bytes?.Length ?? 0);

        /// <summary>A NUL-terminated UTF-8 string of the library.</summary>
        internal static string Text(IntPtr text)
        {
            if (text == IntPtr.Zero) return null;
            int length = 0;
            while (Marshal.ReadByte(text, length) != 0) length++;
            var bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>Throws the JwtException of a failed call (the last error is per
        /// thread: read it on the calling thread, right away).</summary>
        internal static void Check(int rc)
        {
            if (rc != 0) throw new JwtException(rc, Text(oojwt_last_error()));
        }

        /// <summary>Runs one operation: the owned result is copied, then freed.</summary>
        internal static string Call(Operation operation)
        {
            int rc = operation(out IntPtr result);
            Check(rc);
            try { return Text(result); }
            finally { oojwt_free(result); }
        }
    }
}
