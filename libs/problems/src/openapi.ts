// How problem+json errors are described in the OpenAPI document (/docs-json): one schema, and one
// decorator that names the statuses a route can answer with it.
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { declaredErrors } from './error-codes.js';

export class FieldProblemSchema {
  @ApiProperty({ description: 'JSON pointer into the request body (or `/query/<name>`, `/headers/<name>`)', example: '/audience/sectors/0' })
  pointer: string;

  @ApiProperty({ example: 'must be one of the sectors' })
  detail: string;

  @ApiPropertyOptional({ description: 'a stable code for this field, where one applies' })
  code?: string;
}

/** RFC 9457 problem details, as ProblemFilter renders every error of /api/v1. */
export class ProblemSchema {
  @ApiProperty({ example: 'https://isac-hub.example/problems/org-not-found' })
  type: string;

  @ApiProperty({ example: 'Not Found' })
  title: string;

  @ApiProperty({ example: 404 })
  status: number;

  @ApiProperty({ example: 'No organisation "nowhere".' })
  detail: string;

  @ApiProperty({ description: 'stable error code; clients match on it, not on the message', example: 'ORG.NOT_FOUND' })
  code: string;

  @ApiPropertyOptional({ description: 'the request path', example: '/api/v1/organisations/nowhere' })
  instance?: string;

  @ApiProperty({ type: [FieldProblemSchema] })
  errors: FieldProblemSchema[];
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

const WHEN: Record<ProblemStatus, string> = {
  400: 'invalid input: malformed JSON or fields that fail validation (`errors` points at them)',
  401: 'no key, or a key that is not valid or is revoked (AUTH.UNAUTHENTICATED)',
  403: "the key's roles or organisation do not allow this",
  404: 'no such resource, or none the caller may see',
  409: 'conflicts with the current state (already exists, idempotency key reused with another body)',
  413: 'the body is larger than the limit (REQUEST.TOO_LARGE)',
  415: 'the Content-Type is not one this route accepts',
  422: 'well-formed but refused by a rule of the domain',
  503: 'a service the hub needs does not answer',
};

/** The problem+json responses a route can give, e.g. `@ApiProblemResponses(400, 403, 404)`. */
export function ApiProblemResponses(...statuses: ProblemStatus[]) {
  return applyDecorators(
    ApiExtraModels(ProblemSchema, FieldProblemSchema),
    ...statuses.map((status) =>
      ApiResponse({ status, description: WHEN[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemSchema) } } } }),
    ),
  );
}

/**
 * Lists every declared code with its status on ProblemSchema.code (`x-error-codes`), from the registry
 * the filter answers from; call it once the application's modules (and so every errors.ts) are loaded.
 */
export function describeErrorCodes(document: OpenAPIObject): OpenAPIObject {
  const code = document.components?.schemas?.ProblemSchema as { properties?: Record<string, Record<string, unknown>> } | undefined;
  if (code?.properties?.code) code.properties.code['x-error-codes'] = Object.fromEntries(declaredErrors().map((d) => [d.code, d.status]));
  return document;
}
