// What never reaches a log line: credentials a field may hold by accident (a header object, a config
// dump, an error's detail). Redaction is pino's (by path, compiled once); a database URL keeps its host
// and user, for the operator, and loses its password.

/** Fields that hold a secret whole: replaced by REDACTED. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'apiKey',
  'api_key',
  'token',
  'secret',
  'webhookSecret',
  'password',
  'WEBHOOK_SECRET_KEY',
  'CURSOR_SECRET_KEY',
];

/** Fields that hold a URL whose password (and only that) is a secret. */
const URL_FIELDS = ['DATABASE_URL', 'REDIS_URL', 'databaseUrl', 'redisUrl', 'url'];

/** The objects such fields are logged in: a request's headers, a configuration, a webhook. */
const HOLDERS = ['headers', 'req.headers', 'request.headers', 'config', 'webhook'];

export const REDACTED = '[redacted]';

/**
 * pino's `paths`: each field at the top and in each holder (`headers.authorization`, `config.DATABASE_URL`).
 * Spelled out, not wildcards: pino's redaction of `*.field` costs tens of microseconds a line, explicit
 * paths about one.
 */
export const REDACTED_PATHS = [...SECRET_FIELDS, ...URL_FIELDS].flatMap((field) => [field, ...HOLDERS.map((holder) => `${holder}.${field}`)]);
const URL_FIELD_SET = new Set(URL_FIELDS);

const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;

/** `postgres://hub:s3cret@db/hub` → `postgres://hub:[redacted]@db/hub`; text without such a URL is returned as it is. */
export function withoutUrlPasswords(text: string): string {
  return text.includes('://') ? text.replace(URL_PASSWORD, `$1${REDACTED}@`) : text;
}

/** pino's `censor`: a URL field keeps all but its password, any other listed field is replaced. */
export function censor(value: unknown, path: string[]): unknown {
  return URL_FIELD_SET.has(path[path.length - 1]) && typeof value === 'string' ? withoutUrlPasswords(value) : REDACTED;
}
