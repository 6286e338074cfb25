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

    /// <summary>The operations, each as its C function (Operations.cs, made from the table
    /// of operations).</summary>
    public static partial class Jwt
    {
        /// <summary>The library's version.</summary>
        public static string Version => Native.Text(Native.oojwt_version());
    }

    /// <summary>The C functions (onlyoffice_jwt.h) and the conversions around them.</summary>
    internal static partial class Native
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
