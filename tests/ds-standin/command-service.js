'use strict';
// The command service (/coauthoring/CommandService.ashx): answers HTTP 200 with
// {"error": n}; 6 = token missing or invalid, 7 = token expired, 5 = unknown command.

const { TokenError, signedFields } = require('./tokens');

const ERROR = { OK: 0, UNKNOWN_COMMAND: 5, TOKEN: 6, TOKEN_EXPIRED: 7 };

const COMMANDS = {
  version: (_fields, settings) => ({ error: ERROR.OK, version: settings.version }),
};

function commandService(request, settings) {
  let fields;
  try {
    fields = signedFields(request.body, request.headers, settings);
  } catch (e) {
    if (e instanceof TokenError) {
      return { error: e.expired ? ERROR.TOKEN_EXPIRED : ERROR.TOKEN };
    }
    throw e;
  }
  const known = Object.prototype.hasOwnProperty.call(COMMANDS, fields.c);
  const command = known ? COMMANDS[fields.c] : null;
  if (!command) {
    return { error: ERROR.UNKNOWN_COMMAND };
  }
  return command(fields, settings);
}

module.exports = { commandService, COMMANDS, ERROR };
