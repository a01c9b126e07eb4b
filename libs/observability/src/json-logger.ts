import type { LoggerService } from '@nestjs/common';
import { requestContext } from './request-context.js';

const SEVERITY = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 } as const;
export type JsonLogLevel = keyof typeof SEVERITY;

type Sink = (line: string) => void;

/**
 * Structured logs: one JSON object per line on stdout (errors on stderr), with the request id of
 * the request being served. Nest's own messages arrive as strings, ours as objects with `msg`.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    level: JsonLogLevel = 'info',
    private readonly service = 'isac-hub',
    private readonly out: Sink = (line) => process.stdout.write(line + '\n'),
    private readonly err: Sink = (line) => process.stderr.write(line + '\n'),
  ) {
    this.threshold = SEVERITY[level];
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

  private write(level: JsonLogLevel, message: unknown, rest: unknown[]) {
    if (SEVERITY[level] < this.threshold) return;
    // Nest passes the context as the last string argument, and a stack before it for errors
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? (rest[0] as string) : undefined;
    const fields = message !== null && typeof message === 'object' && !(message instanceof Error) ? (message as Record<string, unknown>) : { msg: message instanceof Error ? message.message : String(message) };
    const entry = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(context ? { context } : {}),
      ...(requestContext.getStore() ?? {}),
      ...fields,
      ...(stack ? { stack } : {}),
    };
    (SEVERITY[level] >= SEVERITY.error ? this.err : this.out)(JSON.stringify(entry));
  }
}
