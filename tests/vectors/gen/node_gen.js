#!/usr/bin/env node
// Known-answer vectors produced by node's jsonwebtoken (the library the
// ONLYOFFICE Document Server signs with), pinned by package.json and
// package-lock.json in this directory.
//
// Callbacks are signed the way the Document Server signs them: a body token
// over body + iat + exp (exp = iat + 300, expiresIn "5m") and the header
// "Authorization: Bearer " + a token over {"payload": body}.  When the header
// token would be 7168 characters or more the DS drops changesurl and empties
// history in the header token and in the plain body, while the body token
// keeps everything.
//
// Expected answers come from jsonwebtoken itself (jwt.sign output, jwt.verify
// with clockTimestamp = now and clockTolerance = leeway); the few rules that
// are ours rather than JWT's (payload unwrapping, key/status checks,
// expected_key) are applied by hand below.  gen/crosscheck.py later re-checks
// every answer against the stdlib model.
//
// The URL the DS requests for a URL it was given is computed with the module it
// pins for that, uri-js-replace 1.0.1 (URI.serialize(URI.parse(url)) in
// downloadUrlPromise), then WHATWG-parsed without the fragment, as axios sends it.
//
// Writes tests/vectors/node_jwt.json (sign, verify) and
// tests/vectors/node_callbacks.json (verify_callback, verify_incoming).
'use strict';

const fs = require('fs');
const path = require('path');
const jwt = require('jsonwebtoken');
const URI = require('uri-js-replace');
const { URL: WhatwgUrl } = require('url');

const GEN = 'gen/node_gen.js';
// The committed directory, or OOJWT_VECTORS_OUT/vectors (see gen/common.py).
const VECTORS = process.env.OOJWT_VECTORS_OUT
  ? path.join(process.env.OOJWT_VECTORS_OUT, 'vectors')
  : path.resolve(__dirname, '..');

// The same fixed inputs as gen/common.py.
const NOW = 1767225600;
const S1 = 'vector-secret-one-0123456789abcdef';
const S2 = 'vector-secret-two-0123456789abcdef';
const INBOX = 'ds-inbox-secret-q5dDGNMXvQk4uj0Lr4ht';
const OUTBOX = 'ds-outbox-secret-0123456789abcdefghij';
const ALL = ['HS256', 'HS384', 'HS512'];

// jsonwebtoken takes iat from Date.now(): pin the clock for each signature.
const realNow = Date.now;
function at(seconds, fn) {
  Date.now = () => seconds * 1000;
  try { return fn(); } finally { Date.now = realNow; }
}

function nodeSign(claims, secret, { alg = 'HS256', ttl, iat = true, now = NOW } = {}) {
  const opts = { algorithm: alg };
  if (ttl !== undefined && ttl !== null) opts.expiresIn = ttl;
  if (!iat) opts.noTimestamp = true;
  const token = at(now, () => jwt.sign(claims, secret, opts));
  const header = Buffer.from(token.split('.')[0], 'base64url').toString('utf8');
  if (header !== `{"alg":"${alg}","typ":"JWT"}`) throw new Error('unexpected header ' + header);
  return token;
}

// DS style: expiresIn "5m" as the DS config writes it.
function dsSign(payload, secret, iat) {
  return at(iat, () => jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: '5m' }));
}

function nodeVerify(token, secret, { algorithms = ALL, leeway = 60, now = NOW } = {}) {
  const secrets = Array.isArray(secret) ? secret : [secret];
  let last;
  for (const s of secrets) {
    try {
      return { ok: jwt.verify(token, s, { algorithms, clockTimestamp: now, clockTolerance: leeway }) };
    } catch (e) {
      last = e;
      if (e.message !== 'invalid signature') break;
    }
  }
  if (last instanceof jwt.TokenExpiredError) return { error: 'expired' };
  if (last instanceof jwt.NotBeforeError) return { error: 'not_yet_valid' };
  if (last.message === 'invalid signature') return { error: 'bad_signature' };
  if (last.message === 'invalid algorithm') return { error: 'alg_not_allowed' };
  throw new Error('unmapped jsonwebtoken error: ' + last.message);
}

// Our callback rules on top of jsonwebtoken's answer (formats.md, Callbacks).
function callbackRules(result, expectedKey) {
  if (!result.ok) return result;
  let claims = result.ok;
  if ('payload' in claims) {
    const p = claims.payload;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return { error: 'invalid_claim' };
    claims = p;
  }
  if (!('key' in claims)) return { error: 'missing_claim' };
  if (typeof claims.key !== 'string') return { error: 'invalid_claim' };
  if (!('status' in claims)) return { error: 'missing_claim' };
  if (![1, 2, 3, 4, 5, 6, 7].includes(claims.status)) return { error: 'invalid_claim' };
  const given = (name) => claims[name] !== undefined && claims[name] !== null;
  for (const name of ['url', 'changesurl', 'filetype', 'formsdataurl', 'lastsave']) {
    if (given(name) && typeof claims[name] !== 'string') return { error: 'invalid_claim' };
  }
  for (const name of ['notmodified', 'encrypted']) {
    if (given(name) && typeof claims[name] !== 'boolean') return { error: 'invalid_claim' };
  }
  const mm = claims.mailMerge;
  if (given('mailMerge') && (typeof mm !== 'object' || Array.isArray(mm))) return { error: 'invalid_claim' };
  const users = claims.users;
  if (users !== undefined && users !== null
      && !(Array.isArray(users) && users.every((u) => typeof u === 'string'))) return { error: 'invalid_claim' };
  const fst = claims.forcesavetype;
  if (fst !== undefined && fst !== null && !Number.isInteger(fst)) return { error: 'invalid_claim' };
  if (expectedKey !== undefined && expectedKey !== claims.key) return { error: 'key_mismatch' };
  return { ok: claims };
}

function writeVectors(name, cases, operation) {
  const names = new Set();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error('duplicate case ' + c.name);
    names.add(c.name);
  }
  const doc = {};
  if (operation) doc.operation = operation;
  doc.generator = GEN;
  doc.cases = cases;
  fs.mkdirSync(VECTORS, { recursive: true });
  fs.writeFileSync(path.join(VECTORS, name), JSON.stringify(doc, null, 1) + '\n');
  console.log(`  ${name}: ${cases.length} cases (jsonwebtoken ${require('jsonwebtoken/package.json').version})`);
}

function expectOne(name, got, want) {
  const code = got.ok !== undefined ? 'ok' : got.error;
  if (code !== want) throw new Error(`${name}: jsonwebtoken says ${code}, reasoning says ${want}`);
}

// ---------------------------------------------------------------------------
function jwtCases() {
  const cases = [];
  const sets = {
    simple: { sub: 'user-1', name: 'Alice' },
    nested: { document: { key: 'Khirz6zTPdfd7', permissions: { edit: true, review: false } },
              users: ['u1', 'u2'], n: null, count: -3 },
    unicode: { name: 'Zo\u00eb \u00dcn\u00efc\u00f6d\u00e9', cjk: '\u65e5\u672c\u8a9e', emoji: '\u{1F600}',
               seps: 'a\u2028b\u2029c', slash: '/path/to/file', del: '\u007f' },
    control: { ctl: '\u0000\u0001\b\t\n\u000b\f\r\u001f', quote: '"', backslash: '\\' },
  };
  for (const [cname, claims] of Object.entries(sets)) {
    for (const alg of ALL) {
      for (const ttl of [null, 300]) {
        const options = { now: NOW };
        if (alg !== 'HS256') options.alg = alg;
        if (ttl !== null) options.ttl = ttl;
        cases.push({
          name: `sign-${cname}-${alg.toLowerCase()}-${ttl ? 'ttl300' : 'no-ttl'}`,
          operation: 'sign',
          args: { claims, secret: S1, options },
          expect: { ok: nodeSign(claims, S1, { alg, ttl }) },
        });
      }
    }
  }
  cases.push({ name: 'sign-no-timestamp', operation: 'sign',
               args: { claims: sets.simple, secret: S1, options: { iat: false, now: NOW } },
               expect: { ok: nodeSign(sets.simple, S1, { iat: false }) } });
  cases.push({ name: 'sign-rotation-list-first-signs', operation: 'sign',
               args: { claims: sets.simple, secret: [S2, S1], options: { ttl: 60, now: NOW } },
               expect: { ok: nodeSign(sets.simple, S2, { ttl: 60 }) } });

  const V = (name, token, want, secret = S1, options = {}) => {
    const opts = { now: NOW, ...options };
    const got = nodeVerify(token, secret, opts);
    expectOne(name, got, want);
    cases.push({ name, operation: 'verify', args: { token, secret, options: opts }, expect: got });
  };
  for (const alg of ALL) {
    const tok = nodeSign(sets.nested, S1, { alg, ttl: 300, now: NOW - 10 });
    V(`verify-${alg.toLowerCase()}-ok`, tok, 'ok');
    V(`verify-${alg.toLowerCase()}-wrong-secret`, tok, 'bad_signature', S2);
  }
  const tok = nodeSign(sets.unicode, S1, { ttl: 300, now: NOW });
  V('verify-unicode-ok', tok, 'ok');
  V('verify-rotation-list', tok, 'ok', [S2, S1]);
  V('verify-alg-not-listed', tok, 'alg_not_allowed', S1, { algorithms: ['HS384'] });
  V('verify-expired', tok, 'expired', S1, { now: NOW + 360 });
  V('verify-last-second', tok, 'ok', S1, { now: NOW + 359 });
  V('verify-expired-leeway-0', tok, 'expired', S1, { now: NOW + 300, leeway: 0 });
  V('verify-leeway-600', tok, 'ok', S1, { now: NOW + 899, leeway: 600 });
  const nbf = at(NOW, () => jwt.sign({ sub: 'u' }, S1, { notBefore: 120 }));
  V('verify-nbf-in-future', nbf, 'not_yet_valid');
  V('verify-nbf-within-leeway', nbf, 'ok', S1, { now: NOW + 60 });
  V('verify-nbf-leeway-0', nbf, 'not_yet_valid', S1, { now: NOW + 119, leeway: 0 });
  // Not yet valid AND already expired: jsonwebtoken checks nbf before exp (NotBeforeError).
  const both = at(NOW, () => jwt.sign({ sub: 'u', nbf: NOW + 300, exp: NOW - 300 }, S1));
  V('verify-nbf-ahead-and-exp-passed-nbf-first', both, 'not_yet_valid');
  return cases;
}

// ---------------------------------------------------------------------------
const KEY = 'Khirz6zTPdfd7';
const CACHE = 'https://ds.example/cache/files/data/Khirz6zTPdfd7_4821';
const URL = CACHE + '/output.docx/output.docx?md5=c2VjcmV0LW1kNQ&expires=1767226500&filename=output.docx';
const CHANGES = CACHE + '/changes.zip/changes.zip?md5=Y2hhbmdlcy1tZDU&expires=1767226500&filename=changes.zip';
const IAT = NOW - 5;

function history(n) {
  const changes = [];
  for (let i = 0; i < n; i++) {
    const mm = String(Math.floor(i / 60)).padStart(2, '0');
    const ss = String(i % 60).padStart(2, '0');
    changes.push({ created: `2026-01-01 00:${mm}:${ss}`,
                   user: { id: `user-${String(i).padStart(3, '0')}`, name: `Co-editor number ${i}` } });
  }
  return { serverVersion: '9.0.0', changes };
}

function callbackCases() {
  const cases = [];
  const CB = (name, body, want, options = {}, note) => {
    const opts = { now: NOW, ...options };
    const obj = JSON.parse(body);
    let got;
    if ('token' in obj) {
      got = nodeVerify(obj.token, OUTBOX, { leeway: opts.leeway ?? 60, now: opts.now });
    } else if (opts.authorization) {
      got = nodeVerify(opts.authorization.slice('Bearer '.length), OUTBOX, { leeway: opts.leeway ?? 60, now: opts.now });
    } else {
      got = { error: 'missing_token' };
    }
    got = callbackRules(got, opts.expected_key);
    expectOne(name, got, want);
    const c = { name, operation: 'verify_callback' };
    if (note) c.note = note;
    c.args = { body, secret: OUTBOX, options: opts };
    c.expect = got;
    cases.push(c);
  };
  // what the DS sends: body (with token) as JSON text, and the header
  const ds = (body, iat = IAT) => {
    const bodyToken = dsSign(body, OUTBOX, iat);
    const headerToken = dsSign({ payload: body }, OUTBOX, iat);
    return { text: JSON.stringify({ ...body, token: bodyToken }), plain: JSON.stringify(body),
             authorization: 'Bearer ' + headerToken };
  };

  const bodies = {
    'status-1-editing': { key: KEY, status: 1, users: ['78e1e841'], actions: [{ type: 1, userid: '78e1e841' }] },
    'status-2-ready-to-save': { key: KEY, status: 2, url: URL, changesurl: CHANGES, history: history(2),
                                users: ['78e1e841'], actions: [{ type: 0, userid: '78e1e841' }],
                                lastsave: '2026-01-01T00:00:00.000Z', notmodified: false, filetype: 'docx' },
    'status-3-save-error': { key: KEY, status: 3, url: URL, changesurl: CHANGES, history: history(1),
                             users: ['78e1e841'], filetype: 'docx' },
    'status-4-closed-no-changes': { key: KEY, status: 4, actions: [{ type: 0, userid: '78e1e841' }] },
    'status-6-forcesave': { key: KEY, status: 6, url: URL, changesurl: CHANGES, history: history(3),
                            users: ['78e1e841'], forcesavetype: 1, userdata: 'sample userdata',
                            lastsave: '2026-01-01T00:00:00.000Z', filetype: 'docx' },
    'status-7-forcesave-error': { key: KEY, status: 7, url: URL, users: ['78e1e841'], forcesavetype: 0 },
    // commandSendMMCallback (canvasservice.js) with OutputMailMerge (commondefines.js)
    'status-5-mail-merge': { key: KEY, status: 5, url: URL, filetype: 'docx', users: ['78e1e841'],
                             mailMerge: { from: 'office@example.com', message: 'Hello', subject: 'Invoice',
                                          title: 'Invoice', type: 1, recordCount: 3, recordErrorCount: 0,
                                          to: 'ana@example.com', recordIndex: 0 } },
  };
  for (const [name, body] of Object.entries(bodies)) {
    const m = ds(body);
    CB(`ds-${name}-body-and-header`, m.text, 'ok', { authorization: m.authorization });
    CB(`ds-${name}-header-only`, m.plain, 'ok', { authorization: m.authorization });
  }
  const full = bodies['status-2-ready-to-save'];
  const m = ds(full);
  CB('ds-expected-key-matches', m.text, 'ok', { authorization: m.authorization, expected_key: KEY });
  CB('ds-expected-key-differs', m.text, 'key_mismatch', { authorization: m.authorization, expected_key: 'OtherKey' });
  CB('ds-expired-after-5-minutes-and-leeway', m.text, 'expired', { authorization: m.authorization, now: IAT + 360 });
  CB('ds-last-second-within-leeway', m.text, 'ok', { authorization: m.authorization, now: IAT + 359 });
  CB('ds-leeway-0-expired-at-exp', m.text, 'expired', { authorization: m.authorization, now: IAT + 300, leeway: 0 });
  CB('ds-header-only-expired', m.plain, 'expired', { authorization: m.authorization, now: IAT + 360 });
  // a DS clock 120 s ahead: jsonwebtoken with clockTolerance 60 never looks at iat
  const ahead = ds(full, NOW + 120);
  CB('ds-clock-120s-ahead-body-and-header', ahead.text, 'ok', { authorization: ahead.authorization });
  CB('ds-clock-120s-ahead-header-only', ahead.plain, 'ok', { authorization: ahead.authorization });
  // signed by a DS configured with the inbox secret: the outbox secret refuses it
  const wrong = { text: JSON.stringify({ ...full, token: dsSign(full, INBOX, IAT) }),
                  authorization: 'Bearer ' + dsSign({ payload: full }, INBOX, IAT) };
  cases.push({ name: 'ds-signed-with-other-secret', operation: 'verify_callback',
               args: { body: wrong.text, secret: OUTBOX, options: { authorization: wrong.authorization, now: NOW } },
               expect: nodeVerify(JSON.parse(wrong.text).token, OUTBOX) });
  expectOne('ds-signed-with-other-secret', cases[cases.length - 1].expect, 'bad_signature');
  // the DS default secret "secret" (weak): accepted only with allow_weak
  const weakTok = dsSign(full, 'secret', IAT);
  cases.push({ name: 'ds-default-secret-allow-weak', operation: 'verify_callback',
               args: { body: JSON.stringify({ ...full, token: weakTok }), secret: 'secret',
                       options: { now: NOW, allow_weak: true } },
               expect: callbackRules(nodeVerify(weakTok, 'secret'), undefined) });
  expectOne('ds-default-secret-allow-weak', cases[cases.length - 1].expect, 'ok');

  // the large callback
  let n = 40;
  let big;
  let headerToken;
  for (;; n += 5) {
    big = { ...full, history: history(n) };
    headerToken = dsSign({ payload: big }, OUTBOX, IAT);
    if (headerToken.length >= 7168) break;
  }
  const bodyToken = dsSign(big, OUTBOX, IAT);
  const reduced = { ...big };
  delete reduced.changesurl;
  reduced.history = {};
  const reducedHeader = 'Bearer ' + dsSign({ payload: reduced }, OUTBOX, IAT);
  const note = `history of ${n} changes: the full header token would be ${headerToken.length} characters (>= 7168), `
    + 'so the DS sends a header token and a plain body without changesurl and with an empty history; '
    + 'the body token keeps everything';
  CB('ds-large-callback-body-token-keeps-everything', JSON.stringify({ ...reduced, token: bodyToken }), 'ok',
     { authorization: reducedHeader }, note);
  CB('ds-large-callback-header-only-has-reduced-payload', JSON.stringify(reduced), 'ok',
     { authorization: reducedHeader }, 'without the body token only the reduced header payload is signed');
  const last = cases[cases.length - 2].expect.ok;
  if (!last.changesurl || last.history.changes.length !== n) throw new Error('large callback lost data');

  // requests from the DS to the connector (file download)
  const DL = 'https://connector.example/apps/onlyoffice/download?doc=abc123';
  // The URL the DS requests for `given` (and the connector then sees).
  const requested = (given) => {
    const url = new WhatwgUrl(URI.serialize(URI.parse(given)));
    url.hash = '';
    return url.href;
  };
  const I = (name, authorization, want, options = {}) => {
    const opts = { now: NOW, ...options };
    let got = nodeVerify(authorization.slice('Bearer '.length), OUTBOX, { leeway: opts.leeway ?? 60, now: opts.now });
    if (got.ok && 'payload' in got.ok) got = { ok: got.ok.payload };
    if (got.ok && opts.url !== undefined) {
      if (!('url' in got.ok)) got = { error: 'missing_claim' };
      else if (requested(got.ok.url) !== requested(opts.url)) got = { error: 'invalid_claim' };
    }
    expectOne(name, got, want);
    cases.push({ name, operation: 'verify_incoming', args: { authorization, secret: OUTBOX, options: opts }, expect: got });
  };
  const dl = 'Bearer ' + dsSign({ payload: { url: DL } }, OUTBOX, IAT);
  I('ds-download-request', dl, 'ok');
  I('ds-download-request-url-matches', dl, 'ok', { url: DL });
  I('ds-download-request-other-url', dl, 'invalid_claim', { url: DL.replace('abc123', 'xyz789') });
  I('ds-download-request-expired', dl, 'expired', { now: IAT + 360 });
  const wrongDl = 'Bearer ' + dsSign({ payload: { url: DL } }, INBOX, IAT);
  I('ds-download-request-other-secret', wrongDl, 'bad_signature');
  I('ds-download-request-clock-120s-ahead', 'Bearer ' + dsSign({ payload: { url: DL } }, OUTBOX, NOW + 120), 'ok',
    { url: DL });
  // URLs as given to the DS, compared with the URL it requests for them
  for (const [label, given, want] of [
    ['fragment', DL + '#page=2', 'ok'],
    ['case-port-dot-segment', 'HTTPS://Connector.Example:443/apps/onlyoffice/./x/../download?doc=abc123', 'ok'],
    ['non-ascii', 'https://connector.example/files/\u00e4 b.docx?name=\u00fc', 'ok'],
  ]) {
    const signed = 'Bearer ' + dsSign({ payload: { url: given } }, OUTBOX, IAT);
    I(`ds-download-requested-url-${label}`, signed, want, { url: requested(given) });
  }
  const tilde = 'https://connector.example/apps/onlyoffice/download?doc=a%7eb';
  if (requested(tilde) !== tilde) throw new Error('uri-js-replace changed %7e: ' + requested(tilde));
  I('ds-download-requested-url-encoded-tilde-kept', 'Bearer ' + dsSign({ payload: { url: tilde } }, OUTBOX, IAT),
    'invalid_claim', { url: tilde.replace('%7e', '~') });
  return cases;
}

writeVectors('node_jwt.json', jwtCases());
writeVectors('node_callbacks.json', callbackCases());
