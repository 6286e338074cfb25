'use strict';
// A Document Server stand-in: the parts of ONLYOFFICE Docs a connector talks to, written
// with the npm jsonwebtoken package and the rules of shared/protocol.md — an
// implementation independent of onlyoffice-jwt.
//
// What it does like the DS:
// - opens an editor config: verifies `config.token` with the inbox secret
//   (clockTolerance 60), requires document.key/url in the token, refuses a top-level
//   url/payload/key, compares permissions/callbackUrl/mode with the page's config, then
//   downloads document.url sending `Authorization: Bearer JWT({"payload":{"url"}})`
//   signed with the outbox secret;
// - serves edited files from /cache/files/data/<key>/<name>?md5=&expires=&filename= with
//   md5 = base64url-nopad(MD5(expires + uri-path + secretString)), links valid 900 s;
//   403 for a bad link, 410 for an expired one (nginx secure_link);
// - posts callbacks signed twice with the outbox secret: body token = JWT(body + iat +
//   exp) and `Authorization: Bearer JWT({"payload": body, iat, exp})`, exp = iat + 300;
//   when the header token would be 7168 characters or more, drops changesurl and empties
//   history in the header token and the plain body, the body token keeping everything
//   (canvasservice.js checkAndFixAuthorizationLength); mail-merge callbacks (status 5);
// - signs the URL it downloads as given (a fragment included) and requests it without
//   the fragment, as its HTTP client does;
// - answers the docbuilder and conversion services: the body token (inbox secret) first,
//   else the header token, only signed fields used, error -8 otherwise; like the DS it
//   is a stock `http.createServer`, so a header over ~16 KB gets HTTP 431 from Node.
//
// The /e2e/* routes are the harness's handle on the stand-in (a real DS has none):
// POST /e2e/commands lists the commands the command service acted on;
// POST /e2e/open {config} opens an editor; POST /e2e/callback {key, status, content,
// ...} stores an edited file in the cache and builds, signs and (by default) delivers
// the callback, returning exactly what was sent so the attacker can replay it, and the
// Host header of every cache download made while the callback was handled.
//
// Configuration (environment): DS_PORT, DS_PUBLIC_URL (the URL browsers and callback
// links use), DS_INBOX_SECRET, DS_OUTBOX_SECRET, DS_SECURE_LINK_SECRET. Listens on
// 127.0.0.1 only; prints `ds ready <port>` once listening.

const crypto = require('node:crypto');
const http = require('node:http');
const util = require('node:util');
const jwt = require('jsonwebtoken');

const ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const CLOCK_TOLERANCE = 60;
const CALLBACK_EXPIRES = 300;
const LINK_EXPIRES = 900;
const HTTP_TIMEOUT_MS = 10000;
const MAX_BODY = 1 << 20;
const MAX_HEADER_TOKEN = 7168;

class DsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// The editor config check of the DS: returns the fields it takes from the token.
function checkEditorConfig(config, inboxSecret, now = nowSeconds()) {
  if (!isObject(config) || typeof config.token !== 'string' || config.token === '') {
    throw new DsError('token_missing', 'the editor config has no token');
  }
  let claims;
  try {
    claims = jwt.verify(config.token, inboxSecret, {
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE,
      clockTimestamp: now,
    });
  } catch (e) {
    const code = e instanceof jwt.TokenExpiredError ? 'token_expired' : 'token_invalid';
    throw new DsError(code, e.message);
  }
  for (const name of ['url', 'payload', 'key']) {
    if (name in claims) {
      throw new DsError('token_invalid', `the token has a top-level ${name}`);
    }
  }
  const document = isObject(claims.document) ? claims.document : {};
  for (const name of ['key', 'url']) {
    if (typeof document[name] !== 'string' || document[name] === '') {
      throw new DsError('token_invalid', `the token has no document.${name}`);
    }
  }
  const editorConfig = isObject(claims.editorConfig) ? claims.editorConfig : {};
  const page = { document: config.document || {}, editorConfig: config.editorConfig || {} };
  if (page.document.permissions !== undefined
      && !util.isDeepStrictEqual(page.document.permissions, document.permissions)) {
    throw new DsError('token_invalid', 'document.permissions differ from the token');
  }
  if (page.editorConfig.callbackUrl !== undefined && editorConfig.callbackUrl === undefined) {
    throw new DsError('token_invalid', 'the token has no editorConfig.callbackUrl');
  }
  if (page.editorConfig.mode !== 'view' && editorConfig.mode === undefined) {
    throw new DsError('token_invalid', 'the token has no editorConfig.mode');
  }
  return {
    key: document.key,
    url: document.url,
    fileType: document.fileType,
    title: document.title,
    permissions: document.permissions,
    callbackUrl: editorConfig.callbackUrl,
    mode: editorConfig.mode || 'view',
    user: editorConfig.user,
  };
}

function linkMd5(expires, path, secretString) {
  return crypto.createHash('md5').update(`${expires}${path}${secretString}`).digest('base64url');
}

// A secure link into the DS cache, on the public DS URL.
function cacheLink(publicUrl, key, name, secretString, now = nowSeconds()) {
  const path = `/cache/files/data/${encodeURIComponent(key)}/${encodeURIComponent(name)}`;
  const expires = now + LINK_EXPIRES;
  const query = new URLSearchParams({ md5: linkMd5(expires, path, secretString), expires, filename: name });
  return new URL(`${path.slice(1)}?${query}`, publicUrl).href;
}

// 'ok', 'bad' or 'expired' for a request to the cache (path as requested, query params).
function checkCacheLink(path, params, secretString, now = nowSeconds()) {
  const md5 = params.get('md5') || '';
  const expires = params.get('expires') || '';
  if (!/^[0-9]{1,12}$/.test(expires)) return 'bad';
  const expected = Buffer.from(linkMd5(expires, path, secretString));
  const given = Buffer.from(md5);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'bad';
  return Number(expires) <= now ? 'expired' : 'ok';
}

// A callback as the DS sends it: the body with its token, and the Authorization header.
// A header token of 7168 characters or more is re-signed without changesurl and with an
// empty history, and the plain body is trimmed the same way; the body token keeps all.
function signCallback(body, secret, iat = nowSeconds()) {
  const options = { algorithm: 'HS256', expiresIn: CALLBACK_EXPIRES };
  const token = jwt.sign({ ...body, iat }, secret, options);
  let plain = body;
  let headerToken = jwt.sign({ payload: body, iat }, secret, options);
  if (headerToken.length >= MAX_HEADER_TOKEN) {
    plain = { ...body, history: {} };
    delete plain.changesurl;
    headerToken = jwt.sign({ payload: plain, iat }, secret, options);
  }
  return { body: JSON.stringify({ ...plain, token }), authorization: `Bearer ${headerToken}` };
}

// `utils.isEmptyObject` of the DS: not truthy, or no own enumerable key.
const isEmpty = (value) => !(value && Object.keys(value).length);

// The parameters of a request to the docbuilder/conversion services, as the DS's
// getRequestParams reads them: the body token first (a bad one is final), else the
// header token; then, with tokenRequiredParams (the default), only what was signed:
// the claims, then the members of a non-empty `payload`, then of a non-empty `query`,
// each merged over the last with Object.assign (so a `__proto__` member becomes the
// prototype, and a signed `payload` overrides the top level). Numbers are JavaScript's.
function requestClaims(body, authorization, inboxSecret, now = nowSeconds()) {
  const options = { algorithms: ALGORITHMS, clockTolerance: CLOCK_TOLERANCE, clockTimestamp: now };
  let token = isObject(body) && typeof body.token === 'string' ? body.token : null;
  if (token === null) {
    if (typeof authorization !== 'string' || !authorization.startsWith('Bearer ')) {
      throw new DsError('token_invalid', 'no token in the body or the header');
    }
    token = authorization.slice('Bearer '.length);
  }
  let claims;
  try {
    claims = jwt.verify(token, inboxSecret, options);
  } catch (e) {
    throw new DsError('token_invalid', e.message);
  }
  const params = {};
  Object.assign(params, claims);
  if (!isEmpty(claims.payload)) Object.assign(params, claims.payload);
  if (!isEmpty(claims.query)) Object.assign(params, claims.query);
  return params;
}

async function send(url, { method = 'GET', headers = {}, body } = {}) {
  const response = await fetch(url, {
    method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new DsError('too_large', 'request body too large'));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

class DocumentServer {
  constructor({ publicUrl, inboxSecret, outboxSecret, secureLinkSecret }) {
    this.publicUrl = publicUrl;
    this.inboxSecret = inboxSecret;
    this.outboxSecret = outboxSecret;
    this.secureLinkSecret = secureLinkSecret;
    this.commands = [];
    this.cache = new Map();
    this.cacheDownloads = [];
    this.sessions = new Map();
  }

  async open({ config, fragment = '' }) {
    const opened = checkEditorConfig(config, this.inboxSecret);
    // `fragment` stands for a document.url written with one: the DS signs the URL as
    // given and its HTTP client requests it without the fragment (fetch drops it too).
    const given = opened.url + fragment;
    const authorization = `Bearer ${jwt.sign({ payload: { url: given } }, this.outboxSecret, {
      algorithm: 'HS256',
      expiresIn: CALLBACK_EXPIRES,
    })}`;
    const download = await send(given, { headers: { Authorization: authorization } });
    if (download.status !== 200) {
      throw new DsError('download_failed', `document.url answered HTTP ${download.status}`);
    }
    this.sessions.set(opened.key, opened);
    return {
      key: opened.key,
      callbackUrl: opened.callbackUrl,
      mode: opened.mode,
      document: download.body.toString('base64'),
    };
  }

  callbackSecret(name) {
    switch (name) {
      case 'outbox': return this.outboxSecret;
      case 'inbox': return this.inboxSecret;
      case 'forged': return crypto.randomBytes(32);
      default: throw new DsError('bad_request', `unknown secret ${name}`);
    }
  }

  // `age` back-dates the tokens, `ahead` stands for a DS clock ahead of the connector's;
  // `history` adds that many changes (and a changesurl) to a save.
  async callback({ key, status, content, secret = 'outbox', age = 0, ahead = 0, history = 0, url, deliver = true }) {
    const session = this.sessions.get(key);
    if (!session) throw new DsError('bad_request', 'no editor is open with this key');
    const body = { key, status, users: ['e2e-user'], actions: [{ type: status === 1 ? 1 : 0, userid: 'e2e-user' }] };
    if (status === 2 || status === 6) {
      const name = 'output.docx';
      this.cache.set(`/cache/files/data/${encodeURIComponent(key)}/${name}`, Buffer.from(content, 'base64'));
      body.url = url || cacheLink(this.publicUrl, key, name, this.secureLinkSecret);
      body.filetype = 'docx';
      if (status === 6) body.forcesavetype = 1;
      if (history > 0) {
        const change = { created: '2026-01-01 00:00:00', user: { id: 'e2e-user', name: 'E2E User' } };
        body.changesurl = cacheLink(this.publicUrl, key, 'changes.zip', this.secureLinkSecret);
        body.history = { serverVersion: '9.0.0', changes: Array(history).fill(change) };
      }
    }
    if (status === 5) {
      // commandSendMMCallback: the merged file of one record, and OutputMailMerge.
      const name = 'merged.docx';
      this.cache.set(`/cache/files/data/${encodeURIComponent(key)}/${name}`, Buffer.from('merged record 0'));
      body.url = cacheLink(this.publicUrl, key, name, this.secureLinkSecret);
      body.filetype = 'docx';
      body.mailMerge = {
        from: 'office@example.com', message: 'Hello', subject: 'Invoice', title: 'Invoice', type: 1,
        recordCount: 1, recordErrorCount: 0, to: 'e2e-user@example.com', recordIndex: 0,
      };
    }
    const iat = nowSeconds() - age + ahead;
    const request = secret === 'none'
      ? { body: JSON.stringify(body), authorization: null }
      : signCallback(body, this.callbackSecret(secret), iat);
    const sent = { url: session.callbackUrl, ...request };
    if (!deliver) return { sent };
    const headers = { 'Content-Type': 'application/json' };
    if (request.authorization) headers.Authorization = request.authorization;
    const downloadsBefore = this.cacheDownloads.length;
    const response = await send(session.callbackUrl, { method: 'POST', headers, body: request.body });
    return {
      sent,
      response: { status: response.status, body: response.body.toString('utf8') },
      downloadedVia: this.cacheDownloads.slice(downloadsBefore),
    };
  }

  serveCache(req, url, res) {
    const verdict = checkCacheLink(url.pathname, url.searchParams, this.secureLinkSecret);
    const file = this.cache.get(url.pathname);
    if (verdict !== 'ok' || !file) {
      console.error(`refused cache link (${file ? verdict : 'no such file'}): ${url.pathname}`);
      res.writeHead(verdict === 'expired' ? 410 : 403).end();
      return;
    }
    this.cacheDownloads.push(req.headers.host);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.length }).end(file);
  }

  // The docbuilder and conversion services: a signed request is answered with what the
  // DS took from it (only signed fields), an unsigned or invalid one with error -8.
  async service(req, url, res) {
    let answer;
    try {
      const raw = await readBody(req);
      const claims = requestClaims(JSON.parse(raw), req.headers.authorization, this.inboxSecret);
      if (url.pathname === '/coauthoring/CommandService.ashx') {
        // The command service acts on the parameters as getRequestParams merged them.
        this.commands.push({ c: claims.c, key: claims.key });
        answer = { error: 0, key: claims.key, c: claims.c };
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
        return;
      }
      answer = {
        key: typeof claims.key === 'string' ? claims.key : 'bld_e2e',
        end: true,
        urls: {},
        signedBytes: JSON.stringify(claims).length,
        headerSent: req.headers.authorization !== undefined,
      };
    } catch (e) {
      console.error(`refused ${url.pathname}: ${e.code || 'error'}: ${e.message}`);
      answer = { error: -8 };
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  }

  async handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname.startsWith('/cache/files/data/')) {
      this.serveCache(req, url, res);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/healthcheck') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('true');
      return;
    }
    if (req.method === 'POST' && ['/docbuilder', '/ConvertService.ashx', '/coauthoring/CommandService.ashx'].includes(url.pathname)) {
      await this.service(req, url, res);
      return;
    }
    const routes = {
      '/e2e/open': (args) => this.open(args),
      '/e2e/callback': (args) => this.callback(args),
      // The commands the command service acted on (c and key, as it read them).
      '/e2e/commands': () => ({ commands: this.commands }),
    };
    const route = req.method === 'POST' && routes[url.pathname];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    let status = 200;
    let answer;
    try {
      answer = { ok: true, ...(await route(JSON.parse(await readBody(req)))) };
    } catch (e) {
      status = e instanceof DsError && e.code !== 'bad_request' ? 403 : 400;
      answer = { ok: false, error: e.code || 'error', message: e.message };
      console.error(`refused ${url.pathname}: ${answer.error}: ${answer.message}`);
    }
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  }
}

function main() {
  const env = (name) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const ds = new DocumentServer({
    publicUrl: env('DS_PUBLIC_URL'),
    inboxSecret: env('DS_INBOX_SECRET'),
    outboxSecret: env('DS_OUTBOX_SECRET'),
    secureLinkSecret: env('DS_SECURE_LINK_SECRET'),
  });
  const server = http.createServer((req, res) => {
    ds.handle(req, res).catch(() => res.destroy());
  });
  server.requestTimeout = HTTP_TIMEOUT_MS * 3;
  server.listen(Number(env('DS_PORT')), '127.0.0.1', () => {
    console.log(`ds ready ${server.address().port}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

module.exports = {
  DsError, checkEditorConfig, cacheLink, checkCacheLink, signCallback, requestClaims, CALLBACK_EXPIRES, MAX_HEADER_TOKEN,
};

if (require.main === module) main();
