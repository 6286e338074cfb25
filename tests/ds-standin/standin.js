'use strict';
// A stand-in for the parts of the ONLYOFFICE Document Server the tests talk to,
// following shared/protocol.md and written with jsonwebtoken, independently of
// onlyoffice-jwt.
//
// Settings (environment):
//   STANDIN_INBOX_SECRET  the inbox secret (required unless tokens are off)
//   STANDIN_TOKENS        "on" (default) or "off" (token.enable.request.inbox false)
//   STANDIN_VERSION       the version the command service reports (default 8.3.0)
//   STANDIN_TLS_CERT, STANDIN_TLS_KEY  PEM files: serve HTTPS instead of HTTP
// Listens on 127.0.0.1 on a free port and prints "ready <port>" on stdout. Exits when
// its standard input closes (the parent test ended) or on SIGTERM/SIGINT.
//
// Routes are a table (ROUTES): add a service by adding its path and handler.

const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const { commandService } = require('./command-service');
const { isObject } = require('./tokens');

const MAX_BODY = 1 << 20;

const ROUTES = {
  '/coauthoring/CommandService.ashx': commandService,
};

function settingsFromEnv(env) {
  const tokensEnabled = (env.STANDIN_TOKENS || 'on') !== 'off';
  const inboxSecret = env.STANDIN_INBOX_SECRET || '';
  if (tokensEnabled && inboxSecret === '') {
    throw new Error('STANDIN_INBOX_SECRET is required when tokens are on');
  }
  return {
    tokensEnabled,
    inboxSecret,
    header: 'Authorization',
    prefix: 'Bearer ',
    version: env.STANDIN_VERSION || '8.3.0',
    tls: env.STANDIN_TLS_CERT && env.STANDIN_TLS_KEY
      ? { cert: fs.readFileSync(env.STANDIN_TLS_CERT), key: fs.readFileSync(env.STANDIN_TLS_KEY) }
      : null,
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function createServer(settings) {
  const handle = async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    const handler = Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path] : null;
    if (!handler) {
      send(res, 404, { error: 'not found' });
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, { error: 'POST only' });
      return;
    }
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      send(res, 400, { error: 'the body is not JSON' });
      return;
    }
    if (!isObject(body)) {
      send(res, 400, { error: 'the body is not a JSON object' });
      return;
    }
    send(res, 200, handler({ body, headers: req.headers }, settings));
  };
  return settings.tls ? https.createServer(settings.tls, handle) : http.createServer(handle);
}

function main() {
  const settings = settingsFromEnv(process.env);
  const server = createServer(settings);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`ready ${server.address().port}\n`);
  });
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main();
}

module.exports = { createServer, settingsFromEnv, ROUTES };
