import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem, pointerFromPath } from './domain-error.js';
import { REQUEST_ERRORS } from './errors.js';

function flatten(errors: ValidationError[], path: (string | number)[] = []): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const here = [...path, error.property];
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ pointer: pointerFromPath(here), detail: message, code: rule });
    }
    problems.push(...flatten(error.children ?? [], here));
  }
  return problems;
}

/** class-validator at the edge: unknown fields are refused, and each problem carries a JSON pointer. */
export function problemValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new DomainError(
        REQUEST_ERRORS.validationFailed,
        `The request body is invalid: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`,
        problems,
      );
    },
  });
}
