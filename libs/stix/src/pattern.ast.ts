// The syntax tree of a STIX Patterning expression (STIX 2.1 §9). Every node carries the 0-based
// offset of its first character in the source.

export type PatternLiteral =
  | { type: 'string'; value: string; position: number }
  | { type: 'int'; value: number; position: number }
  | { type: 'float'; value: number; position: number }
  | { type: 'boolean'; value: boolean; position: number }
  /** `t'2016-01-01T00:00:00Z'` */
  | { type: 'timestamp'; value: string; position: number }
  /** `h'ff00'`: the hex digits as written. */
  | { type: 'hex'; value: string; position: number }
  /** `b'AAEC'`: the base64 text as written. */
  | { type: 'binary'; value: string; position: number };

export type PathStep =
  | { kind: 'property'; name: string }
  /** `[n]` or `[*]` (any item). */
  | { kind: 'index'; index: number | '*' };

/** `file:hashes.'SHA-256'` → objectType 'file', steps [hashes, SHA-256]. */
export interface ObjectPath {
  objectType: string;
  steps: PathStep[];
  position: number;
}

export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET';

export type ComparisonExpression =
  | {
      kind: 'comparison';
      path: ObjectPath;
      operator: ComparisonOperator;
      negated: boolean;
      /** A list for `IN`, a single literal otherwise. */
      value: PatternLiteral | PatternLiteral[];
      position: number;
    }
  | { kind: 'exists'; path: ObjectPath; negated: boolean; position: number }
  | { kind: 'and' | 'or'; left: ComparisonExpression; right: ComparisonExpression; position: number };

export type Qualifier =
  | { kind: 'within'; seconds: number; position: number }
  | { kind: 'repeats'; times: number; position: number }
  | { kind: 'start-stop'; start: string; stop: string; position: number };

export type ObservationExpression =
  | { kind: 'observation'; comparison: ComparisonExpression; position: number }
  | {
      kind: 'and' | 'or' | 'followedby';
      left: ObservationExpression;
      right: ObservationExpression;
      position: number;
    }
  | { kind: 'qualified'; expression: ObservationExpression; qualifier: Qualifier; position: number };

export type PatternAst = ObservationExpression;

export interface PatternError {
  message: string;
  /** 0-based character offset of the problem in the pattern. */
  position: number;
  /** 'syntax' for grammar errors, 'mixed-types' for §9 same-object-type violations, 'semantic' otherwise. */
  kind: 'syntax' | 'mixed-types' | 'semantic';
}

export type PatternParseResult = { ok: true; ast: PatternAst } | { ok: false; error: PatternError };
