// Code generated from the table of operations (crates/onlyoffice-jwt-table, `make generate`). DO NOT EDIT.

package oojwt

// vectorOperations calls each operation with a shared vector case's arguments; keyring
// says whether it takes the case's keyring.
var vectorOperations = map[string]vectorOperation{
	"sign": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.Sign(c.json("claims"), c.options())
	}},
	"sign_jws": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.SignJws(c.text("header"), c.text("payload"), c.options())
	}},
	"verify": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.Verify(c.text("token"), c.options())
	}},
	"decode_unverified": {false, func(c *vectorCase, _ *Keyring) (string, error) {
		return DecodeUnverified(c.text("token"), c.options())
	}},
	"sign_config": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.SignConfig(c.json("config"), c.options())
	}},
	"sign_request": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.SignRequest(c.json("body"), c.options())
	}},
	"verify_callback": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.VerifyCallback([]byte(c.text("body")), c.options())
	}},
	"verify_incoming": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.VerifyIncoming(c.optionalText("authorization"), c.options())
	}},
	"guard_callback": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.GuardCallback([]byte(c.text("body")), c.text("ds_url"), c.options())
	}},
	"guard_download": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.GuardDownload(c.optionalText("authorization"), c.text("target"), c.options())
	}},
	"check_download_url": {false, func(c *vectorCase, _ *Keyring) (string, error) {
		return CheckDownloadURL(c.text("url"), c.text("ds_url"), c.options())
	}},
	"document_key": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.DocumentKey(c.text("file_id"), c.json("version"), c.options())
	}},
	"derive_secrets": {false, func(c *vectorCase, _ *Keyring) (string, error) {
		return DeriveSecrets(c.secrets("master")[0], c.options())
	}},
	"sign_link": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.SignLink(c.text("url"), c.options())
	}},
	"verify_link": {true, func(c *vectorCase, k *Keyring) (string, error) {
		return k.VerifyLink(c.text("url"), c.options())
	}},
	"audit_ds_config": {false, func(c *vectorCase, _ *Keyring) (string, error) {
		return AuditDsConfig(c.text("local_json_text"), c.options())
	}},
}
