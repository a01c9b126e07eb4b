// Problems found while validating STIX content. Codes are stable: clients and tests match the
// code, never the message.

export const STIX_CODES = {
  NOT_AN_OBJECT: 'STIX.NOT_AN_OBJECT',
  REQUIRED_PROPERTY: 'STIX.REQUIRED_PROPERTY',
  REQUIRED_ONE_OF: 'STIX.REQUIRED_ONE_OF',
  PROPERTY_CONFLICT: 'STIX.PROPERTY_CONFLICT',
  INVALID_PROPERTY_TYPE: 'STIX.INVALID_PROPERTY_TYPE',
  INVALID_PROPERTY_NAME: 'STIX.INVALID_PROPERTY_NAME',
  EMPTY_LIST: 'STIX.EMPTY_LIST',
  INVALID_TYPE_NAME: 'STIX.INVALID_TYPE_NAME',
  UNKNOWN_TYPE: 'STIX.UNKNOWN_TYPE',
  INVALID_ID: 'STIX.INVALID_ID',
  ID_TYPE_MISMATCH: 'STIX.ID_TYPE_MISMATCH',
  UUID_VERSION: 'STIX.UUID_VERSION',
  SPEC_VERSION: 'STIX.SPEC_VERSION',
  INVALID_TIMESTAMP: 'STIX.INVALID_TIMESTAMP',
  TIMESTAMP_PRECISION: 'STIX.TIMESTAMP_PRECISION',
  TIMESTAMP_ORDER: 'STIX.TIMESTAMP_ORDER',
  INVALID_REFERENCE: 'STIX.INVALID_REFERENCE',
  REFERENCE_TYPE: 'STIX.REFERENCE_TYPE',
  ENUM_VALUE: 'STIX.ENUM_VALUE',
  OPEN_VOCAB_VALUE: 'STIX.OPEN_VOCAB_VALUE',
  VALUE_OUT_OF_RANGE: 'STIX.VALUE_OUT_OF_RANGE',
  INVALID_VALUE: 'STIX.INVALID_VALUE',
  INVALID_LANGUAGE_TAG: 'STIX.INVALID_LANGUAGE_TAG',
  INVALID_DICTIONARY_KEY: 'STIX.INVALID_DICTIONARY_KEY',
  PROPERTY_NOT_ALLOWED: 'STIX.PROPERTY_NOT_ALLOWED',
  CIRCULAR_MARKING: 'STIX.CIRCULAR_MARKING',
  GRANULAR_MARKING: 'STIX.GRANULAR_MARKING',
  GRANULAR_SELECTOR: 'STIX.GRANULAR_SELECTOR',
  INVALID_EXTENSION: 'STIX.INVALID_EXTENSION',
  UNKNOWN_EXTENSION: 'STIX.UNKNOWN_EXTENSION',
  EXTENSION_TYPE: 'STIX.EXTENSION_TYPE',
  TLP_DEFINITION: 'STIX.TLP_DEFINITION',
  PATTERN_SYNTAX: 'STIX.PATTERN_SYNTAX',
  PATTERN_MIXED_TYPES: 'STIX.PATTERN_MIXED_TYPES',
  DUPLICATE_OBJECT: 'STIX.DUPLICATE_OBJECT',
  DEPRECATED: 'STIX.DEPRECATED',
  NESTING_TOO_DEEP: 'STIX.NESTING_TOO_DEEP',
  INTERNAL: 'STIX.INTERNAL',
} as const;

export type StixCode = (typeof STIX_CODES)[keyof typeof STIX_CODES];

export interface StixProblem {
  code: string;
  message: string;
  /** Index of the object in the bundle's `objects`, when the problem is inside one. */
  index?: number;
  /** The object's `id`, when it has a usable one. */
  id?: string;
  /** RFC 6901 JSON pointer to the offending value, e.g. `/objects/3/created`. */
  pointer: string;
}

export interface ValidationReport {
  valid: boolean;
  errors: StixProblem[];
  warnings: StixProblem[];
}

/** RFC 6901: `~` becomes `~0` and `/` becomes `~1` inside a reference token. */
export function pointerTo(base: string, ...tokens: Array<string | number>): string {
  let out = base;
  for (const token of tokens) {
    const text = String(token);
    out += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return out;
}

/** Collects problems for one object (or the bundle itself) so that all are reported at once. */
export class ProblemSink {
  readonly errors: StixProblem[] = [];
  readonly warnings: StixProblem[] = [];

  constructor(
    private readonly index?: number,
    private id?: string,
  ) {}

  /** The object's id becomes known only once it has been checked. */
  identify(id: string | undefined): void {
    this.id = id;
  }

  error(code: StixCode, message: string, pointer: string): void {
    this.errors.push(this.problem(code, message, pointer));
  }

  warn(code: StixCode, message: string, pointer: string): void {
    this.warnings.push(this.problem(code, message, pointer));
  }

  report(): ValidationReport {
    return { valid: this.errors.length === 0, errors: this.errors, warnings: this.warnings };
  }

  private problem(code: StixCode, message: string, pointer: string): StixProblem {
    const problem: StixProblem = { code, message, pointer };
    if (this.index !== undefined) problem.index = this.index;
    if (this.id !== undefined) problem.id = this.id;
    return problem;
  }
}

/** A short, never-throwing description of any JSON-ish value for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 60 ? `"${value.slice(0, 57)}..."` : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Reads an own property only, so `__proto__` or `constructor` keys never reach the prototype. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return hasOwn(obj, key) ? obj[key] : undefined;
}
