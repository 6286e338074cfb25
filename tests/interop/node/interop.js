// Interop with the Document Server's JWT library, npm jsonwebtoken 9.
//
//   node interop.js <input.json> <output.json>
//
// input.json (written by crates/onlyoffice-jwt/tests/interop_node.rs):
//   {"secrets": {"inbox": "...", "outbox": "..."},
//    "tokens": [{"name", "token", "secret": "inbox", "claims": {...}, "ttl": 300|null}]}
// Every token is verified here the way the DS verifies (jwt.verify with
// clockTolerance 60); its header must be the DS's and its claims, without iat/exp,
// must equal "claims". Any mismatch exits with status 1.
//
// output.json: callbacks and download requests signed here the way the DS signs
// them (body token + "Bearer " header token with "payload", exp = iat + 300), each
// with what the connector must conclude ("ok" claims, or an error name).
"use strict";
const fs = require("fs");
const assert = require("assert");
const jwt = require("jsonwebtoken");

const [inputPath, outputPath] = process.argv.slice(2);
if (!inputPath || !outputPath) {
  console.error("usage: node interop.js <input.json> <output.json>");
  process.exit(2);
}
const input = JSON.parse(fs.readFileSync(inputPath, "utf8"));
const { inbox, outbox } = input.secrets;
const secrets = { inbox, outbox };

function withoutTimes(claims) {
  const copy = { ...claims };
  delete copy.iat;
  delete copy.exp;
  return copy;
}

let failures = 0;
let verified = 0;
for (const item of input.tokens) {
  try {
    const secret = secrets[item.secret];
    const header = jwt.decode(item.token, { complete: true }).header;
    assert.deepStrictEqual(header, { alg: "HS256", typ: "JWT" }, "header");
    const claims = jwt.verify(item.token, secret, { clockTolerance: 60 });
    assert.deepStrictEqual(withoutTimes(claims), item.claims, "claims");
    assert.strictEqual(typeof claims.iat, "number", "iat");
    if (item.ttl === null) {
      assert.strictEqual(claims.exp, undefined, "no exp expected");
    } else {
      assert.strictEqual(claims.exp - claims.iat, item.ttl, "exp - iat");
    }
    const other = item.secret === "inbox" ? outbox : inbox;
    assert.throws(() => jwt.verify(item.token, other), /invalid signature/, "other secret");
    verified += 1;
  } catch (e) {
    failures += 1;
    console.error(`FAIL ${item.name}: ${e.message}`);
  }
}
if (failures > 0 || verified !== input.tokens.length || verified === 0) {
  console.error(`jsonwebtoken refused ${failures} of ${input.tokens.length} tokens`);
  process.exit(1);
}
console.log(`jsonwebtoken ${require("jsonwebtoken/package.json").version} verified ${verified} tokens`);

// --- the DS's side: callbacks signed with the outbox secret -----------------
const EXPIRES = 300; // services.CoAuthoring.token.outbox.expires = 5m
const signBody = (fields, secret, extra = {}) =>
  jwt.sign({ ...fields, ...extra }, secret, { algorithm: "HS256", expiresIn: EXPIRES });
const signHeader = (fields, secret) =>
  "Bearer " + jwt.sign({ payload: fields }, secret, { algorithm: "HS256", expiresIn: EXPIRES });

const key = "Khirz6zTPdfd7-v3";
const cache = "https://ds.example/cache/files/data/" + key + "_4821";
const saved = {
  key,
  status: 2,
  url: cache + "/output.docx/output.docx?md5=Vd3PQs9Ol6Y7DwJmKc8N2g&expires=1767226500&filename=output.docx",
  changesurl: cache + "/changes.zip/changes.zip?md5=pT0vNRbJ8S3m7blxMf-Dg&expires=1767226500&filename=changes.zip",
  history: { serverVersion: "9.0.0", changes: [{ created: "2026-01-01 10:00:00", user: { id: "u-1", name: "Ana" } }] },
  users: ["u-1"],
  actions: [{ type: 0, userid: "u-1" }],
  filetype: "docx",
};
const { changesurl, ...withoutChanges } = saved;
const reduced = { ...withoutChanges, history: {} };
const forcesave = { ...saved, status: 6, forcesavetype: 1 };
const now = Math.floor(Date.now() / 1000);
const signedFull = (fields) => ({ ok: fields, ttl: EXPIRES });

const callbacks = [
  {
    name: "ds-both-tokens-status-2",
    body: { ...saved, token: signBody(saved, outbox) },
    authorization: signHeader(saved, outbox),
    expect: signedFull(saved),
  },
  {
    name: "ds-header-token-only-payload-unwrapped",
    body: saved,
    authorization: signHeader(saved, outbox),
    expect: { ok: saved, ttl: null },
  },
  {
    name: "ds-flat-header-token",
    body: saved,
    authorization: "Bearer " + signBody(saved, outbox),
    expect: signedFull(saved),
  },
  {
    name: "ds-large-callback-changesurl-only-in-body-token",
    body: { ...reduced, token: signBody(saved, outbox) },
    authorization: signHeader(reduced, outbox),
    expect: signedFull(saved),
  },
  {
    name: "ds-forcesave-status-6",
    body: { ...forcesave, token: signBody(forcesave, outbox) },
    authorization: signHeader(forcesave, outbox),
    expect: signedFull(forcesave),
  },
  {
    name: "unsigned-body-fields-differ-signed-ones-win",
    body: { ...saved, url: "https://evil.example/x.docx", status: 4, token: signBody(saved, outbox) },
    authorization: null,
    expect: signedFull(saved),
  },
  {
    name: "signed-with-inbox-when-outbox-expected",
    body: { ...saved, token: signBody(saved, inbox) },
    authorization: signHeader(saved, inbox),
    expect: { error: "bad_signature" },
  },
  {
    name: "bad-body-token-good-header-refused",
    body: { ...saved, token: signBody(saved, inbox) },
    authorization: signHeader(saved, outbox),
    expect: { error: "bad_signature" },
  },
  {
    name: "expired-beyond-clock-tolerance",
    body: { ...saved, token: signBody(saved, outbox, { iat: now - EXPIRES - 61 }) },
    authorization: null,
    expect: { error: "expired" },
  },
  {
    name: "header-without-prefix",
    body: saved,
    authorization: jwt.sign({ payload: saved }, outbox, { expiresIn: EXPIRES }),
    expect: { error: "malformed" },
  },
];

// A download request from the DS to the connector.
const downloadUrl = "https://cloud.example/apps/onlyoffice/download?doc=abc&oo_exp=1&oo_sig=x";
const incoming = [
  {
    name: "ds-download-request",
    authorization: signHeader({ url: downloadUrl }, outbox),
    url: downloadUrl,
    expect: { ok: { url: downloadUrl }, ttl: null },
  },
  {
    name: "ds-download-request-for-another-url",
    authorization: signHeader({ url: downloadUrl.replace("doc=abc", "doc=abd") }, outbox),
    url: downloadUrl,
    expect: { error: "invalid_claim" },
  },
];

fs.writeFileSync(
  outputPath,
  JSON.stringify({
    verified,
    callbacks: callbacks.map((c) => ({ ...c, body: JSON.stringify(c.body) })),
    incoming,
  }),
);
