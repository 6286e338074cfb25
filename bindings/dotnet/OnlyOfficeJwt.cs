// OnlyOffice.Jwt: the operations of onlyoffice-jwt (shared/api.md) for C# and every .NET
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
        /// <summary>The shared error number (shared/api.md), -1 for an internal error.</summary>
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
        public Keyring(string secret, bool allowWeak = false) : this(Native.Utf8(secret), allowWeak) { }

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
        public static string Sign(Keyring keyring, string claims, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_sign(keyring.Handle, B(claims), L(claims), B(options), L(options), out r));

        /// <summary>The token over the given header and payload JSON texts, byte for byte.</summary>
        public static string SignJws(Keyring keyring, string header, string payload, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_sign_jws(keyring.Handle, B(header), L(header), B(payload), L(payload), B(options), L(options), out r));

        /// <summary>The claims (JSON) of a strictly verified token.</summary>
        public static string Verify(Keyring keyring, string token, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_verify(keyring.Handle, B(token), L(token), B(options), L(options), out r));

        /// <summary>{"header", "claims"} of a token, nothing verified.</summary>
        public static string DecodeUnverified(string token) =>
            Native.Call((out IntPtr r) => Native.oojwt_decode_unverified(B(token), L(token), null, UIntPtr.Zero, out r));

        /// <summary>The editor config with its token appended.</summary>
        public static string SignConfig(Keyring keyring, string config, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_sign_config(keyring.Handle, B(config), L(config), B(options), L(options), out r));

        /// <summary>{"body", "headers", "header_omitted"} of a request to the Document Server.</summary>
        public static string SignRequest(Keyring keyring, string body, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_sign_request(keyring.Handle, B(body), L(body), B(options), L(options), out r));

        /// <summary>The signed claims of a callback's raw body.</summary>
        public static string VerifyCallback(Keyring keyring, byte[] body, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_verify_callback(keyring.Handle, body, Native.Len(body), B(options), L(options), out r));

        /// <summary>The signed claims of a request from the Document Server (null: no header).</summary>
        public static string VerifyIncoming(Keyring keyring, string authorization, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_verify_incoming(keyring.Handle, B(authorization), L(authorization), B(options), L(options), out r));

        /// <summary>The URL to fetch for a callback url, on the Document Server only.</summary>
        public static string CheckDownloadUrl(string url, string dsUrl, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_check_download_url(B(url), L(url), B(dsUrl), L(dsUrl), B(options), L(options), out r));

        /// <summary>The document key of (fileId, version); version is JSON text.</summary>
        public static string DocumentKey(Keyring keyring, string fileId, string version) =>
            Native.Call((out IntPtr r) => Native.oojwt_document_key(keyring.Handle, B(fileId), L(fileId), B(version), L(version), null, UIntPtr.Zero, out r));

        /// <summary>The derived secrets (JSON) of a master secret.</summary>
        public static string DeriveSecrets(byte[] master, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_derive_secrets(master, Native.Len(master), B(options), L(options), out r));

        /// <summary>The URL with oo_exp and oo_sig appended.</summary>
        public static string SignLink(Keyring keyring, string url, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_sign_link(keyring.Handle, B(url), L(url), B(options), L(options), out r));

        /// <summary>A verified link without oo_exp and oo_sig.</summary>
        public static string VerifyLink(Keyring keyring, string url, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_verify_link(keyring.Handle, B(url), L(url), B(options), L(options), out r));

        /// <summary>The findings (JSON list) for a Document Server local.json.</summary>
        public static string AuditDsConfig(string localJson, string options = null) =>
            Native.Call((out IntPtr r) => Native.oojwt_audit_ds_config(B(localJson), L(localJson), B(options), L(options), out r));

        static byte[] B(string text) => Native.Utf8(text);

        static UIntPtr L(string text) => Native.Len(Native.Utf8(text));
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
        [DllImport(Lib)] internal static extern int oojwt_check_download_url(byte[] url, UIntPtr urlLen, byte[] dsUrl, UIntPtr dsUrlLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_document_key(KeyringHandle k, byte[] fileId, UIntPtr fileIdLen, byte[] version, UIntPtr versionLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_derive_secrets(byte[] master, UIntPtr masterLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_sign_link(KeyringHandle k, byte[] url, UIntPtr urlLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_verify_link(KeyringHandle k, byte[] url, UIntPtr urlLen, byte[] options, UIntPtr optionsLen, out IntPtr result);
        [DllImport(Lib)] internal static extern int oojwt_audit_ds_config(byte[] localJson, UIntPtr localJsonLen, byte[] options, UIntPtr optionsLen, out IntPtr result);

        internal static byte[] Utf8(string text) => text == null ? null : Encoding.UTF8.GetBytes(text);

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
