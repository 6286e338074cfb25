'use strict';
// Self-check of the Document Server stand-in: the end-to-end results mean something only
// if the stand-in refuses what the DS refuses. Run: node --test tests/e2e/ds.test.js
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const jwt = require('jsonwebtoken');
const http = require('node:http');
const {
  checkEditorConfig, cacheLink, checkCacheLink, signCallback, requestClaims, CALLBACK_EXPIRES, MAX_HEADER_TOKEN,
} = require('./ds');

const INBOX = crypto.randomBytes(32).toString('base64url');
const OUTBOX = crypto.randomBytes(32).toString('base64url');
const LINK_SECRET = 'e2e-secure-link';
const NOW = 1_800_000_000;

function page() {
  return {
    documentType: 'word',
    document: {
      fileType: 'docx',
      key: 'k1',
      title: 'report.docx',
      url: 'http://127.0.0.1:1/download?file=report',
      permissions: { edit: true, download: true },
    },
    editorConfig: { callbackUrl: 'http://127.0.0.1:1/callback?file=report', mode: 'edit', user: { id: 'u1', name: 'U' } },
  };
}

function signed(config, { secret = INBOX, claims = config, options = {} } = {}) {
  return { ...config, token: jwt.sign(claims, secret, { algorithm: 'HS256', ...options }) };
}

const refusal = (code, pattern) => (e) => e.code === code && pattern.test(e.message);

test('an editor config signed with the inbox secret opens, with the fields of the token', () => {
  const config = signed(page());
  config.document = { ...config.document, url: 'http://evil.invalid/' };
  const opened = checkEditorConfig(config, INBOX, NOW);
  assert.strictEqual(opened.key, 'k1');
  assert.strictEqual(opened.url, 'http://127.0.0.1:1/download?file=report');
  assert.strictEqual(opened.callbackUrl, 'http://127.0.0.1:1/callback?file=report');
  assert.strictEqual(opened.mode, 'edit');
});

test('a config without token, or signed with another secret, or with alg none is refused', () => {
  assert.throws(() => checkEditorConfig(page(), INBOX, NOW), refusal('token_missing', /no token/));
  assert.throws(() => checkEditorConfig(signed(page(), { secret: OUTBOX }), INBOX, NOW),
    refusal('token_invalid', /invalid signature/));
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${
    Buffer.from(JSON.stringify(page())).toString('base64url')}.`;
  assert.throws(() => checkEditorConfig({ ...page(), token: none }, INBOX, NOW), refusal('token_invalid', /./));
});

test('expiry is checked with 60 s of clock tolerance', () => {
  const config = signed(page(), { claims: { ...page(), iat: NOW - 400, exp: NOW - 30 } });
  assert.strictEqual(checkEditorConfig(config, INBOX, NOW).key, 'k1');
  const expired = signed(page(), { claims: { ...page(), iat: NOW - 400, exp: NOW - 60 } });
  assert.throws(() => checkEditorConfig(expired, INBOX, NOW), refusal('token_expired', /expired/));
});

test('a token with a top-level url, payload or key is refused', () => {
  for (const name of ['url', 'payload', 'key']) {
    const config = signed(page(), { claims: { ...page(), [name]: 'x' } });
    assert.throws(() => checkEditorConfig(config, INBOX, NOW), refusal('token_invalid', new RegExp(`top-level ${name}`)));
  }
});

test('document.key and document.url are required in the token', () => {
  for (const name of ['key', 'url']) {
    const claims = page();
    delete claims.document[name];
    assert.throws(() => checkEditorConfig(signed(page(), { claims }), INBOX, NOW),
      refusal('token_invalid', new RegExp(`no document.${name}`)));
  }
});

test('permissions, callbackUrl and mode of the page must be covered by the token', () => {
  const permissions = page();
  permissions.document.permissions = { edit: true, download: true, print: true };
  assert.throws(() => checkEditorConfig({ ...signed(page()), document: permissions.document }, INBOX, NOW),
    refusal('token_invalid', /permissions/));
  const noCallback = page();
  delete noCallback.editorConfig.callbackUrl;
  assert.throws(() => checkEditorConfig(signed(page(), { claims: noCallback }), INBOX, NOW),
    refusal('token_invalid', /callbackUrl/));
  const noMode = page();
  delete noMode.editorConfig.mode;
  assert.throws(() => checkEditorConfig(signed(page(), { claims: noMode }), INBOX, NOW),
    refusal('token_invalid', /mode/));
  const view = page();
  view.editorConfig.mode = 'view';
  assert.strictEqual(checkEditorConfig(signed(view, { claims: noMode }), INBOX, NOW).mode, 'view');
});

test('cache links: md5 over expires + path + secret, refused when tampered or expired', () => {
  const link = new URL(cacheLink('http://localhost:8000/', 'k1', 'output.docx', LINK_SECRET, NOW));
  assert.strictEqual(link.origin, 'http://localhost:8000');
  assert.strictEqual(link.pathname, '/cache/files/data/k1/output.docx');
  const expires = link.searchParams.get('expires');
  assert.strictEqual(expires, String(NOW + 900));
  const md5 = crypto.createHash('md5').update(`${expires}/cache/files/data/k1/output.docx${LINK_SECRET}`)
    .digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  assert.strictEqual(link.searchParams.get('md5'), md5);
  assert.strictEqual(checkCacheLink(link.pathname, link.searchParams, LINK_SECRET, NOW), 'ok');
  assert.strictEqual(checkCacheLink('/cache/files/data/k2/output.docx', link.searchParams, LINK_SECRET, NOW), 'bad');
  assert.strictEqual(checkCacheLink(link.pathname, link.searchParams, 'other', NOW), 'bad');
  const later = new URLSearchParams(link.searchParams);
  later.set('expires', String(NOW + 5000));
  assert.strictEqual(checkCacheLink(link.pathname, later, LINK_SECRET, NOW), 'bad');
  assert.strictEqual(checkCacheLink(link.pathname, link.searchParams, LINK_SECRET, NOW + 900), 'expired');
});

test('callbacks are signed twice with the outbox secret, exp = iat + 300', () => {
  const body = { key: 'k1', status: 2, url: 'http://localhost:8000/cache/files/data/k1/output.docx' };
  const { body: text, authorization } = signCallback(body, OUTBOX, NOW);
  const sent = JSON.parse(text);
  assert.deepStrictEqual(Object.keys(sent), ['key', 'status', 'url', 'token']);
  const options = { algorithms: ['HS256'], clockTimestamp: NOW };
  assert.deepStrictEqual(jwt.verify(sent.token, OUTBOX, options), { ...body, iat: NOW, exp: NOW + CALLBACK_EXPIRES });
  assert.ok(authorization.startsWith('Bearer '));
  const headerToken = authorization.slice('Bearer '.length);
  assert.deepStrictEqual(jwt.verify(headerToken, OUTBOX, options), { payload: body, iat: NOW, exp: NOW + CALLBACK_EXPIRES });
  assert.strictEqual(Buffer.from(headerToken.split('.')[0], 'base64url').toString(), '{"alg":"HS256","typ":"JWT"}');
  assert.throws(() => jwt.verify(sent.token, INBOX, options), /invalid signature/);
});

test('a long history is trimmed from the header token and the plain body, not the body token', () => {
  const change = { created: '2026-01-01 00:00:00', user: { id: 'u1', name: 'U' } };
  const body = { key: 'k1', status: 2, url: 'u', changesurl: 'c', history: { changes: Array(300).fill(change) } };
  const sent = signCallback(body, OUTBOX, NOW);
  const header = sent.authorization.slice('Bearer '.length);
  assert.ok(header.length < MAX_HEADER_TOKEN);
  const headerClaims = jwt.verify(header, OUTBOX, { clockTimestamp: NOW });
  assert.deepStrictEqual(headerClaims.payload.history, {});
  assert.strictEqual(headerClaims.payload.changesurl, undefined);
  const plain = JSON.parse(sent.body);
  assert.deepStrictEqual(plain.history, {});
  assert.strictEqual(plain.changesurl, undefined);
  const full = jwt.verify(plain.token, OUTBOX, { clockTimestamp: NOW });
  assert.strictEqual(full.history.changes.length, 300);
  assert.strictEqual(full.changesurl, 'c');
  const small = signCallback({ key: 'k1', status: 2, changesurl: 'c', history: { changes: [change] } }, OUTBOX, NOW);
  assert.strictEqual(JSON.parse(small.body).changesurl, 'c');
});

test('service requests: body token first, else the header token, signed fields only', () => {
  const fields = { async: false, key: 'k1', url: 'https://x/a.docbuilder' };
  const bodyToken = jwt.sign(fields, INBOX, { expiresIn: 300 });
  const claims = requestClaims({ ...fields, key: 'forged', token: bodyToken }, undefined, INBOX);
  assert.strictEqual(claims.key, 'k1');
  const headerToken = jwt.sign({ payload: fields }, INBOX, { expiresIn: 300 });
  const fromHeader = requestClaims({ key: 'forged' }, `Bearer ${headerToken}`, INBOX);
  assert.deepStrictEqual({ async: fromHeader.async, key: fromHeader.key, url: fromHeader.url }, fields);
  const bad = jwt.sign(fields, OUTBOX);
  assert.throws(() => requestClaims({ token: bad }, `Bearer ${headerToken}`, INBOX), /invalid signature/);
  assert.throws(() => requestClaims(fields, undefined, INBOX), /no token/);
});

test('service requests: a signed payload and query are merged over the top level, as getRequestParams does', () => {
  const token = (claims) => jwt.sign(claims, INBOX, { expiresIn: 300 });
  const dropped = requestClaims({ token: token({ c: 'forcesave', key: 'A', payload: { c: 'drop', key: 'B' } }) }, undefined, INBOX);
  assert.strictEqual(dropped.c, 'drop');
  assert.strictEqual(dropped.key, 'B');
  const queried = requestClaims({ token: token({ c: 'info', key: 'A', payload: { key: 'P' }, query: { key: 'B' } }) }, undefined, INBOX);
  assert.strictEqual(queried.key, 'B');
  // An empty payload, null, a number: ignored (utils.isEmptyObject).
  for (const payload of [{}, [], '', null, 5]) {
    assert.strictEqual(requestClaims({ token: token({ key: 'A', payload }) }, undefined, INBOX).key, 'A');
  }
  // A string's characters become members "0", "1", … (Object.keys of a string).
  assert.strictEqual(requestClaims({ token: token({ key: 'A', payload: 'xy' }) }, undefined, INBOX)['1'], 'y');
  // Tokens over literal JSON text (jsonwebtoken.sign cannot write these claims).
  const raw = (text) => {
    const input = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(text).toString('base64url')}`;
    return `${input}.${crypto.createHmac('sha256', INBOX).update(input).digest('base64url')}`;
  };
  // __proto__ becomes the prototype: a member that was not signed at the top level.
  const proto = requestClaims({ token: raw('{"c":"info","__proto__":{"key":"B"}}') }, undefined, INBOX);
  assert.strictEqual(Object.prototype.hasOwnProperty.call(proto, 'key'), false);
  assert.strictEqual(proto.key, 'B');
  // Integers are read as JavaScript reads them.
  const big = requestClaims({ token: raw('{"key":"A","userdata":9007199254740993}') }, undefined, INBOX);
  assert.strictEqual(big.userdata, 9007199254740992);
});

test('a stock Node server, as the DS is, answers 431 to a header over 16 KB', async () => {
  const server = http.createServer((req, res) => res.end('ok'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  try {
    const ask = (size) => fetch(`http://127.0.0.1:${port}/`, {
      headers: { Authorization: `Bearer ${'a'.repeat(size)}` },
      signal: AbortSignal.timeout(5000),
    }).then((r) => r.status);
    assert.strictEqual(await ask(7000), 200);
    assert.strictEqual(await ask(17000), 431);
  } finally {
    server.close();
  }
});
