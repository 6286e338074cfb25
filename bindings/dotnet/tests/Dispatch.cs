// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make
// generate`). DO NOT EDIT.
using System;
using OnlyOffice.Jwt;

static partial class Tests
{
    /// <summary>Runs operation <paramref name="op"/> on a flattened vector case.</summary>
    static string Run(string op, Keyring keyring, string[] f)
    {
        string options = Text(f[6]);
        switch (op)
        {
            case "sign": return Jwt.Sign(keyring, Text(f[4]), options);
            case "sign_jws": return Jwt.SignJws(keyring, Text(f[4]), Text(f[5]), options);
            case "verify": return Jwt.Verify(keyring, Text(f[4]), options);
            case "decode_unverified": return Jwt.DecodeUnverified(Text(f[4]), options);
            case "sign_config": return Jwt.SignConfig(keyring, Text(f[4]), options);
            case "sign_request": return Jwt.SignRequest(keyring, Text(f[4]), options);
            case "verify_callback": return Jwt.VerifyCallback(keyring, Hex(f[4]) ?? new byte[0], options);
            case "verify_incoming": return Jwt.VerifyIncoming(keyring, Text(f[4]), options);
            case "guard_callback": return Jwt.GuardCallback(keyring, Hex(f[4]) ?? new byte[0], Text(f[5]), options);
            case "guard_download": return Jwt.GuardDownload(keyring, Text(f[4]), Text(f[5]), options);
            case "check_download_url": return Jwt.CheckDownloadUrl(Text(f[4]), Text(f[5]), options);
            case "document_key": return Jwt.DocumentKey(keyring, Text(f[4]), Text(f[5]), options);
            case "derive_secrets": return Jwt.DeriveSecrets(Hex(f[4]) ?? new byte[0], options);
            case "sign_link": return Jwt.SignLink(keyring, Text(f[4]), options);
            case "verify_link": return Jwt.VerifyLink(keyring, Text(f[4]), options);
            case "audit_ds_config": return Jwt.AuditDsConfig(Text(f[4]), options);
        }
        throw new InvalidOperationException("unknown operation " + op);
    }
}
