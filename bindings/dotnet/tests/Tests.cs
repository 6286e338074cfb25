// The tests of OnlyOffice.Jwt: known answers (RFC 7515 A.1), the error classes, rotation
// and the release of secrets, and every shared vector (the line file the C test reads,
// bindings/c/tests/flatten_vectors.py). Prints "N passed, N failed"; JSON results whose
// text differs go to a file for bindings/c/tests/compare_json.py, as in the C test.
// Usage: mono Tests.exe VECTORS.txt DEFERRED.txt
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OnlyOffice.Jwt;

static partial class Tests
{
    static int passed, failed, skipped;

    static void Check(bool ok, string what)
    {
        if (ok) { passed++; return; }
        failed++;
        Console.WriteLine("FAIL " + what);
    }

    static JwtException Error(Action call)
    {
        try { call(); } catch (JwtException e) { return e; }
        return null;
    }

    static byte[] Hex(string field)
    {
        if (field == "-") return null;
        var bytes = new byte[field.Length / 2];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(field.Substring(2 * i, 2), 16);
        return bytes;
    }

    static string Text(string field) => field == "-" ? null : Encoding.UTF8.GetString(Hex(field));

    static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));

    static void KnownAnswers()
    {
        var key = Base64Url("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        using (var keyring = new Keyring(key))
        {
            string token = Jwt.SignJws(keyring, "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
                "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
            Check(token == "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                + "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
                + "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "RFC 7515 A.1 token");
            Check(Jwt.Verify(keyring, token, "{\"now\":1300819300}").Contains("\"iss\":\"joe\""), "RFC 7515 A.1 verified");
            var expired = Error(() => Jwt.Verify(keyring, token));
            Check(expired != null && expired.Name == "expired" && expired.Number == 4, "expired: name and number");
        }
    }

    static void Errors()
    {
        var weak = Error(() => new Keyring("secret"));
        Check(weak != null && weak.Name == "weak_secret" && weak.Number == 10 && weak.Message.Length > 0, "weak_secret");
        using (var keyring = new Keyring("dotnet-binding-test-secret-0123456789ab"))
        {
            var malformed = Error(() => Jwt.Verify(keyring, "not.a.token"));
            Check(malformed != null && malformed.Name == "malformed" && malformed.Number == 1, "malformed");
            var missing = Error(() => Jwt.VerifyIncoming(keyring, null));
            Check(missing != null && missing.Name == "missing_token", "missing_token");
            var option = Error(() => Jwt.Sign(keyring, "{}", "{\"allow_weak\":\"yes\"}"));
            Check(option != null && option.Name == "invalid_input" && option.Number == 13, "invalid_input");
            var url = Error(() => Jwt.CheckDownloadUrl("https://evil.example/x", "https://ds.example/"));
            Check(url != null && url.Name == "url_not_allowed", "url_not_allowed");
            string signed = Jwt.SignRequest(keyring, "{\"c\":\"version\"}");
            Check(signed.Contains("\"header_omitted\":false"), "sign_request");
        }
        Check(Jwt.Version.Length > 0, "version");
    }

    static void Rotation()
    {
        string token;
        using (var old = new Keyring("dotnet-old-secret-0123456789abcdefghij"))
            token = Jwt.Sign(old, "{\"a\":1}");
        var fresh = new Keyring("dotnet-new-secret-0123456789abcdefghij");
        Check(Error(() => Jwt.Verify(fresh, token))?.Name == "bad_signature", "another secret refuses");
        fresh.AddPrevious(Encoding.UTF8.GetBytes("dotnet-old-secret-0123456789abcdefghij"));
        Check(Jwt.Verify(fresh, token).Contains("\"a\":1"), "the previous secret verifies");
        fresh.Dispose();
        bool refused = false;
        try { Jwt.Verify(fresh, token); } catch (ObjectDisposedException) { refused = true; }
        Check(refused, "a disposed keyring (its secrets freed and zeroized) cannot be used");
    }

    // A lone UTF-16 surrogate has no UTF-8: invalid_input in every entry point, never
    // U+FFFD (which made "a\uD800" and "a\uDC00" one file id, and two secrets one).
    static void LoneSurrogates()
    {
        const string secret = "dotnet-binding-test-secret-0123456789ab";
        foreach (var bad in new[] { secret + "\uD800", secret + "\uDBFF", "\uDC00" + secret })
        {
            var e = Error(() => new Keyring(bad));
            Check(e != null && e.Name == "invalid_input" && e.Number == 13 && !e.Message.Contains(secret), "a secret with a lone surrogate");
        }
        using (var keyring = new Keyring(secret))
        {
            var calls = new Dictionary<string, Action>
            {
                ["DocumentKey file_id"] = () => Jwt.DocumentKey(keyring, "a\uD800", "1"),
                ["DocumentKey version"] = () => Jwt.DocumentKey(keyring, "a", "\"\uDC00\""),
                ["Sign claims"] = () => Jwt.Sign(keyring, "{\"a\":\"\uD800\"}"),
                ["Sign options"] = () => Jwt.Sign(keyring, "{}", "{\"alg\":\"\uDFFF\"}"),
                ["SignJws"] = () => Jwt.SignJws(keyring, "{\"alg\":\"HS256\"}", "{\"a\":\"\uD800\"}"),
                ["Verify"] = () => Jwt.Verify(keyring, "a.b\uD800.c"),
                ["DecodeUnverified"] = () => Jwt.DecodeUnverified("a.b\uD800.c"),
                ["SignConfig"] = () => Jwt.SignConfig(keyring, "{\"document\":{\"key\":\"\uD800\"}}"),
                ["SignRequest"] = () => Jwt.SignRequest(keyring, "{\"c\":\"\uD800\"}"),
                ["VerifyIncoming"] = () => Jwt.VerifyIncoming(keyring, "Bearer \uD800"),
                ["CheckDownloadUrl"] = () => Jwt.CheckDownloadUrl("https://ds.example/\uD800", "https://ds.example/"),
                ["CheckDownloadUrl ds_url"] = () => Jwt.CheckDownloadUrl("https://ds.example/a", "https://ds.example/\uD800"),
                ["SignLink"] = () => Jwt.SignLink(keyring, "https://nc.example/\uD800"),
                ["VerifyLink"] = () => Jwt.VerifyLink(keyring, "https://nc.example/\uD800"),
                ["AuditDsConfig"] = () => Jwt.AuditDsConfig("{\"a\":\"\uD800\"}"),
            };
            foreach (var call in calls)
            {
                var e = Error(call.Value);
                Check(e != null && e.Name == "invalid_input", call.Key + ": a lone surrogate is invalid_input, got " + (e?.Name ?? "no error"));
            }
            Check(Jwt.DocumentKey(keyring, "a\uD83D\uDE00", "1") != Jwt.DocumentKey(keyring, "a\uFFFD", "1"), "a surrogate pair is text");
        }
    }

    static void Vectors(string path, StreamWriter deferred)
    {
        foreach (var line in File.ReadAllLines(path))
        {
            var f = line.Split('\t');
            string id = f[0], op = f[1], kind = f[7];
            if (kind == "skip") { skipped++; continue; }
            Keyring keyring = null;
            string result = null;
            JwtException error = null;
            try
            {
                if (f[2] != "-")
                {
                    var secrets = f[2].Split(',').Select(Hex).Select(b => b ?? new byte[0]).ToList();
                    keyring = new Keyring(secrets[0], f[3] == "1");
                    foreach (var previous in secrets.Skip(1)) keyring.AddPrevious(previous, f[3] == "1");
                }
                result = Run(op, keyring, f);
            }
            catch (JwtException e) { error = e; }
            finally { keyring?.Dispose(); }
            string expected = Text(f[8]);
            if (kind == "error") Check(error != null && error.Name == expected, id + ": want " + expected + ", got " + (error?.Name ?? result));
            else if (error != null) Check(false, id + ": " + error.Name + ": " + error.Message);
            else if (kind == "text" || result == expected) Check(result == expected, id + ": " + result);
            else
            {
                deferred.WriteLine(id + "\t" + BitConverter.ToString(Encoding.UTF8.GetBytes(result)).Replace("-", "").ToLowerInvariant() + "\t" + f[8]);
                passed++;
            }
        }
    }

    static int Main(string[] args)
    {
        KnownAnswers();
        Errors();
        Rotation();
        LoneSurrogates();
        using (var deferred = new StreamWriter(args[1])) Vectors(args[0], deferred);
        Console.WriteLine($"dotnet: {passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
        return failed == 0 ? 0 : 1;
    }
}
