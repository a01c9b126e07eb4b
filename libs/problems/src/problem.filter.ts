import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type FieldProblem } from './domain-error.js';
import { statusForCode } from './error-codes.js';
import { REQUEST_ERRORS } from './errors.js';
import { NulCharacterError } from './nul-characters.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const PARSER_CODES: Record<string, string> = {
  'entity.parse.failed': REQUEST_ERRORS.malformedJson,
  'entity.too.large': REQUEST_ERRORS.tooLarge,
  'encoding.unsupported': REQUEST_ERRORS.unsupportedEncoding,
  'entity.nul.character': REQUEST_ERRORS.nulCharacter,
  'entity.too.deep': REQUEST_ERRORS.tooDeep,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: REQUEST_ERRORS.badRequest,
  401: REQUEST_ERRORS.unauthenticated,
  403: REQUEST_ERRORS.forbidden,
  404: REQUEST_ERRORS.notFound,
  405: REQUEST_ERRORS.methodNotAllowed,
  413: REQUEST_ERRORS.tooLarge,
  415: REQUEST_ERRORS.unsupportedMediaType,
};

/**
 * A protocol with its own error format under a path (TAXII under /taxii2/): errors that happen
 * before a route is reached (malformed body, unknown path) are rendered by it too.
 */
export interface ErrorRenderer {
  prefix: string;
  render(exception: unknown, response: Response): void;
}

export const ERROR_RENDERERS = Symbol('ERROR_RENDERERS');

/**
 * No connection to PostgreSQL in time: the pool's wait ran out (every connection busy under a flood),
 * or the server refused, dropped or is restarting. A 503 to try again, not a 500: nothing is broken.
 * TypeORM wraps driver errors in QueryFailedError with the driver's error as `driverError`.
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  const outer = exception as { message?: unknown; code?: unknown; driverError?: unknown } | null;
  const inner = (outer?.driverError ?? outer) as { message?: unknown; code?: unknown } | null;
  const message = String(inner?.message ?? '');
  const code = String(inner?.code ?? '');
  return (
    /^timeout exceeded when trying to connect$|^Connection terminated( unexpectedly| due to connection timeout)?$/.test(message) ||
    ['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET'].includes(code)
  );
}

/** Every error leaves the API as RFC 9457 application/problem+json (unless a renderer owns the path); unexpected ones are logged, not shown. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(@Optional() @Inject(ERROR_RENDERERS) private readonly renderers: ErrorRenderer[] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const renderer = (this.renderers ?? []).find((r) => request.path === r.prefix.replace(/\/$/, '') || request.path.startsWith(r.prefix));
    if (renderer) return renderer.render(exception, response);
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ msg: 'unhandled error', path: request.originalUrl, err: String((exception as Error)?.stack ?? exception) });
    }
    if (problem.status === 401 && !response.getHeader('WWW-Authenticate')) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="isac-hub", Basic realm="isac-hub"');
    }
    if ((problem.status === 429 || problem.status === 503) && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '1');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDocument {
    const instance = request.originalUrl;
    if (exception instanceof DomainError) {
      const status = statusForCode(exception.code);
      // a code no errors.ts declares is a programming error (error-codes spec): logged as one, not guessed at
      if (status !== undefined) return this.document(status, exception.code, exception.message, exception.errors, instance);
      this.logger.error({ msg: 'undeclared error code', code: exception.code, path: instance });
      return this.document(HttpStatus.INTERNAL_SERVER_ERROR, REQUEST_ERRORS.internal, 'An unexpected error occurred; it has been logged.', [], instance);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      // the Express adapter wraps body-parser's errors (malformed JSON, too large) and keeps them as cause
      const cause = exception.cause as { type?: string } | undefined;
      const code = PARSER_CODES[cause?.type ?? ''] ?? CODE_BY_STATUS[status] ?? `HTTP.${status}`;
      // field problems only from the hub's own edge checks: another library's `errors` are not ours to show
      const errors = exception.cause instanceof NulCharacterError ? exception.cause.errors : [];
      return this.document(status, code, Array.isArray(detail) ? detail.join('; ') : String(detail ?? exception.message), errors, instance);
    }
    if (isDatabaseUnavailable(exception)) {
      return this.document(
        HttpStatus.SERVICE_UNAVAILABLE,
        REQUEST_ERRORS.serviceUnavailable,
        'The database did not answer in time (the hub is busy or PostgreSQL is restarting): try again shortly.',
        [],
        instance,
      );
    }
    return this.document(HttpStatus.INTERNAL_SERVER_ERROR, REQUEST_ERRORS.internal, 'An unexpected error occurred; it has been logged.', [], instance);
  }

  private document(status: number, code: string, detail: string, errors: FieldProblem[], instance: string): ProblemDocument {
    return {
      type: `https://isac-hub.example/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      instance,
      errors,
    };
  }
}
