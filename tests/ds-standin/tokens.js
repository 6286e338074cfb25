'use strict';
// The Document Server's token rules for requests it receives (shared/protocol.md),
// written with jsonwebtoken like the DS itself.

const jwt = require('jsonwebtoken');

const ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const CLOCK_TOLERANCE = 60;

class TokenError extends Error {
  constructor(expired, message) {
    super(message);
    this.expired = expired;
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function verifyToken(token, secret) {
  try {
    return jwt.verify(token, secret, { algorithms: ALGORITHMS, clockTolerance: CLOCK_TOLERANCE });
  } catch (e) {
    throw new TokenError(e instanceof jwt.TokenExpiredError, e.message);
  }
}

// The fields of an incoming request the DS uses: the body `token` first (a bad one is
// not rescued by the header), else the header token (flat, or wrapped in an object
// `payload`). With tokens on, only the signed claims are used.
function signedFields(body, headers, settings) {
  if (!settings.tokensEnabled) {
    return body;
  }
  if (typeof body.token === 'string' && body.token !== '') {
    return verifyToken(body.token, settings.inboxSecret);
  }
  const value = headers[settings.header.toLowerCase()];
  if (typeof value !== 'string' || !value.startsWith(settings.prefix)) {
    throw new TokenError(false, 'no token');
  }
  const claims = verifyToken(value.slice(settings.prefix.length), settings.inboxSecret);
  if ('payload' in claims) {
    if (!isObject(claims.payload)) {
      throw new TokenError(false, 'payload is not an object');
    }
    return claims.payload;
  }
  return claims;
}

module.exports = { TokenError, signedFields, isObject };
