// The Document Server's side of the cross-language interop test (issue 8): npm
// jsonwebtoken 9, used with the options the Document Server uses.
//
//   node node_side.js < request.json > reply.json
//
// request: {"secret": "...",
//           "verify": [{"id", "token", "secret"?}],        jwt.verify, clockTolerance 60
//           "sign":   [{"id", "claims", "now", "ttl"}],     jwt.sign, HS256, iat = now, exp = now + ttl
//           "callbacks": [{"id", "body", "now"}]}           DS callback: body token + "Bearer " header
// reply:   {"verify": {id: {"ok": true, "claims"} | {"ok": false, "error"}},
//           "sign": {id: token}, "callbacks": {id: {"body", "authorization"}}}
// Checking the results is the driver's job (driver.py); this script only reports.
"use strict";
const fs = require("fs");
const jwt = require("jsonwebtoken");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const reply = { verify: {}, sign: {}, callbacks: {} };

for (const item of request.verify || []) {
  try {
    // The DS: jwt.verify(token, secret, {clockTolerance}) — algorithms default to HS* for a string secret.
    const claims = jwt.verify(item.token, item.secret || request.secret, { clockTolerance: 60 });
    reply.verify[item.id] = { ok: true, claims };
  } catch (err) {
    reply.verify[item.id] = { ok: false, error: `${err.name}: ${err.message}` };
  }
}

// jsonwebtoken takes iat from the payload when it has one, and sets exp = iat + expiresIn.
function dsSign(payload, secret, now, ttl) {
  return jwt.sign({ ...payload, iat: now }, secret, { algorithm: "HS256", expiresIn: ttl });
}

for (const item of request.sign || []) {
  reply.sign[item.id] = dsSign(item.claims, item.secret || request.secret, item.now, item.ttl);
}

// As the DS posts a callback: the body carries "token" (its claims are the body), and
// the Authorization header carries "Bearer " + a token over {"payload": body}; exp = iat + 300.
for (const item of request.callbacks || []) {
  const secret = item.secret || request.secret;
  const bodyToken = dsSign(item.body, secret, item.now, 300);
  const headerToken = dsSign({ payload: item.body }, secret, item.now, 300);
  reply.callbacks[item.id] = {
    body: { ...item.body, token: bodyToken },
    authorization: `Bearer ${headerToken}`,
  };
}

process.stdout.write(JSON.stringify(reply));
