'use strict';
// Self-check of the stand-in against shared/protocol.md, with tokens made by
// jsonwebtoken directly: run with `node --test` in this directory.

const assert = require('node:assert/strict');
const test = require('node:test');
const jwt = require('jsonwebtoken');
const { createServer, settingsFromEnv } = require('./standin');

const SECRET = 'the-inbox-secret-of-the-stand-in-0123456789';

async function withServer(env, body) {
  const server = createServer(settingsFromEnv(env));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/coauthoring/CommandService.ashx`;
  try {
    await body(async (payload, headers = {}) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(payload),
      });
      assert.equal(res.status, 200);
      return res.json();
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const bearer = (claims, secret = SECRET, options = {}) => ({
  Authorization: `Bearer ${jwt.sign(claims, secret, options)}`,
});

test('a body token with the inbox secret is accepted', () => withServer(
  { STANDIN_INBOX_SECRET: SECRET, STANDIN_VERSION: '9.9.9' },
  async (post) => {
    const reply = await post({ c: 'version', token: jwt.sign({ c: 'version' }, SECRET) });
    assert.deepEqual(reply, { error: 0, version: '9.9.9' });
  },
));

test('a header token, flat or wrapped in payload, is accepted', () => withServer(
  { STANDIN_INBOX_SECRET: SECRET },
  async (post) => {
    assert.equal((await post({ c: 'version' }, bearer({ payload: { c: 'version' } }))).error, 0);
    assert.equal((await post({ c: 'version' }, bearer({ c: 'version' }))).error, 0);
  },
));

test('missing, wrong, badly prefixed or non-object payload tokens give error 6', () => withServer(
  { STANDIN_INBOX_SECRET: SECRET },
  async (post) => {
    assert.equal((await post({ c: 'version' })).error, 6);
    assert.equal((await post({ c: 'version' }, bearer({ c: 'version' }, 'another-secret'))).error, 6);
    const token = jwt.sign({ c: 'version' }, SECRET);
    assert.equal((await post({ c: 'version' }, { Authorization: `bearer ${token}` })).error, 6);
    assert.equal((await post({ c: 'version' }, bearer({ payload: 'version' }))).error, 6);
    const none = jwt.sign({ c: 'version' }, '', { algorithm: 'none' });
    assert.equal((await post({ c: 'version', token: none })).error, 6);
  },
));

test('a bad body token is not rescued by a good header token', () => withServer(
  { STANDIN_INBOX_SECRET: SECRET },
  async (post) => {
    const bad = jwt.sign({ c: 'version' }, 'another-secret');
    assert.equal((await post({ c: 'version', token: bad }, bearer({ c: 'version' }))).error, 6);
  },
));

test('an expired token gives error 7, within 60 s of skew it is accepted', () => withServer(
  { STANDIN_INBOX_SECRET: SECRET },
  async (post) => {
    const now = Math.floor(Date.now() / 1000);
    const old = jwt.sign({ c: 'version', iat: now - 600, exp: now - 120 }, SECRET);
    assert.equal((await post({ c: 'version', token: old })).error, 7);
    const skewed = jwt.sign({ c: 'version', iat: now - 600, exp: now - 30 }, SECRET);
    assert.equal((await post({ c: 'version', token: skewed })).error, 0);
  },
));

test('only signed fields are used; unknown commands give error 5', () => withServer(
  { STANDIN_INBOX_SECRET: SECRET },
  async (post) => {
    const token = jwt.sign({ c: 'drop' }, SECRET);
    assert.equal((await post({ c: 'version', token })).error, 5);
  },
));

test('with tokens off, unsigned commands are accepted', () => withServer(
  { STANDIN_TOKENS: 'off' },
  async (post) => {
    assert.equal((await post({ c: 'version' })).error, 0);
  },
));

test('tokens on without a secret is a configuration error', () => {
  assert.throws(() => settingsFromEnv({}), /STANDIN_INBOX_SECRET/);
});
