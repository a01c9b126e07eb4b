import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, REQUEST_ERRORS, statusForCode, type ErrorRenderer } from '@isac/problems';
import { errorMessage, TaxiiError, type TaxiiErrorMessage } from './taxii-error.js';
import { reply } from './taxii-reply.js';

/** §3.6.1 / RFC 9110 §11.6.1: a 401 names the schemes the hub takes (the key as Bearer, or as basic password). */
export const WWW_AUTHENTICATE = 'Basic realm="isac-hub TAXII", Bearer realm="isac-hub TAXII"';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  413: 'Request entity too large',
  415: 'Unsupported media type',
  422: 'Unprocessable entity',
};

/**
 * Bound to the TAXII controllers (@UseFilters): every error under /taxii2/ leaves as a TAXII error
 * message (§3.6) in application/taxii+json — the guard's AUTH.* errors included, since
 * controller-scoped filters also catch what guards throw.
 */
@Catch()
export class TaxiiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('TaxiiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    sendTaxiiError(exception, host.switchToHttp().getResponse<Response>(), this.logger);
  }
}

export function sendTaxiiError(exception: unknown, response: Response, logger = new Logger('TaxiiExceptionFilter')): void {
  const { status, body } = toTaxiiError(exception);
  if (status >= 500) logger.error({ msg: 'unhandled TAXII error', err: String((exception as Error)?.stack ?? exception) });
  if (status === 401) response.setHeader('WWW-Authenticate', WWW_AUTHENTICATE);
  reply(response, status, body);
}

/** For the app's global filter: errors under /taxii2/ raised before a TAXII route is reached (malformed body, unknown path). */
export const TAXII_ERROR_RENDERER: ErrorRenderer = { prefix: '/taxii2/', render: (exception, response) => sendTaxiiError(exception, response) };

export function toTaxiiError(exception: unknown): { status: number; body: TaxiiErrorMessage } {
  if (exception instanceof TaxiiError) {
    return { status: exception.status, body: errorMessage(exception.status, exception.code, exception.title, exception.message, exception.details) };
  }
  // a code no errors.ts declares is a programming error: answered as the unexpected error below
  const declared = exception instanceof DomainError ? statusForCode(exception.code) : undefined;
  if (exception instanceof DomainError && declared !== undefined) {
    const status = declared;
    return { status, body: errorMessage(status, exception.code, TITLES[status] ?? 'Error', exception.message) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, body: errorMessage(status, `HTTP.${status}`, TITLES[status] ?? 'Error', exception.message) };
  }
  return { status: 500, body: errorMessage(500, REQUEST_ERRORS.internal, 'Internal server error', 'An unexpected error occurred; it has been logged.') };
}
