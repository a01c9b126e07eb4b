import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, type Level, type LevelWithSilent, type Logger, multistream, pino, stdSerializers, stdTimeFunctions } from 'pino';
import { censor, errorWithoutUrlPasswords, REDACTED_PATHS, withoutUrlPasswords, withoutUrlPasswordsInFields } from './log-redaction.js';
import { requestContext } from './request-context.js';

export type LogLevel = LevelWithSilent;

/** Where lines go: stdout and stderr by default (errors and worse on `err`); the CLI sends both to stderr. */
export interface LogSinks {
  out?: DestinationStream;
  err?: DestinationStream;
}

/** The process streams themselves (not pino's fd writer), so a test that watches process.stdout sees every line. */
const stdout: DestinationStream = { write: (line: string) => process.stdout.write(line) };
const stderr: DestinationStream = { write: (line: string) => process.stderr.write(line) };

/**
 * The request's fields for pino's mixin: a new object each time (pino merges the line into it), and
 * a literal, not a spread of the store, which costs some twenty microseconds a line.
 */
function requestFields(): object {
  const request = requestContext.getStore();
  if (!request) return {};
  return request.keyPrefix === undefined ? { requestId: request.requestId } : { requestId: request.requestId, keyPrefix: request.keyPrefix };
}

/**
 * pino with the hub's line format: one JSON object per line, `level` by name, `time` in ISO 8601,
 * the `service`, the request id and key prefix of the request being served, secrets redacted.
 */
export function createPino(level: LogLevel, service: string, sinks: LogSinks = {}): Logger {
  const out = sinks.out ?? stdout;
  const err = sinks.err ?? (sinks.out ? out : stderr);
  const destination = out === err ? out : multistream([{ level: 'trace', stream: out }, { level: 'error', stream: err }], { dedupe: true });
  return pino(
    {
      level,
      base: { service },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: withoutUrlPasswordsInFields },
      serializers: { err: (error: Error) => errorWithoutUrlPasswords(stdSerializers.err(error)) },
      mixin: requestFields,
      redact: { paths: REDACTED_PATHS, censor },
    },
    destination,
  );
}

/**
 * Nest's LoggerService on pino, for the API, the worker and the CLI: Nest's own messages arrive as
 * strings, ours as objects with `msg`; Nest passes the context last and, for errors, a stack before it.
 */
export class HubLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: LogLevel = 'info', service = 'isac-hub', sinks: LogSinks = {}) {
    this.pino = createPino(level, service, sinks);
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  isEnabled(level: Level): boolean {
    return this.pino.isLevelEnabled(level);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? (rest[0] as string) : undefined;
    // built by assignment: spreads of conditional objects cost pino tens of microseconds a line
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      Object.assign(fields, message);
      if (stack !== undefined) fields.stack = stack;
      this.pino[level](fields);
      return;
    }
    // free text is not redacted by path: a connection string in an error message loses its password here
    if (stack !== undefined) fields.stack = withoutUrlPasswords(stack);
    this.pino[level](fields, withoutUrlPasswords(message instanceof Error ? message.message : String(message)));
  }
}
