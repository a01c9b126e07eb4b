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

/** Query parameters whose value is a credential: a client that put its key in the URL must not have it logged. */
const SECRET_PARAMS = new Set([...SECRET_FIELDS.map((f) => f.toLowerCase()), 'key', 'api-key', 'apikey', 'access_token', 'auth']);
const QUERY_PARAM = /([?&])([^=&#]+)=([^&#]*)/g;

/** `/x?limit=5&api_key=abc` → `/x?limit=5&api_key=[redacted]`: a request line keeps its path and harmless parameters. */
export function withoutSecretParams(url: string): string {
  if (!url.includes('?')) return url;
  return url.replace(QUERY_PARAM, (whole, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // a malformed escape: judged as written
    }
    return SECRET_PARAMS.has(decoded.toLowerCase()) ? `${sep}${name}=${REDACTED}` : whole;
  });
}

/**
 * pino's `formatters.log`: the top-level text fields of a line (`msg`, an error turned to text as
 * `err: String(error)`, a stack) lose the passwords of the connection strings they quote, as free
 * text does. Paths cannot reach into a field's text.
 */
export function withoutUrlPasswordsInFields(fields: Record<string, unknown>): Record<string, unknown> {
  let safe = fields;
  for (const name in fields) {
    const value = fields[name];
    if (typeof value !== 'string' || !value.includes('://')) continue;
    const cleaned = withoutUrlPasswords(value);
    // copied before the first change: the caller's object is never altered
    if (cleaned !== value) (safe === fields ? (safe = { ...fields }) : safe)[name] = cleaned;
  }
  return safe;
}

/** pino's `err` serializer with the connection strings of the error's message and stack made safe. */
export function errorWithoutUrlPasswords<E extends { message?: unknown; stack?: unknown }>(serialized: E): E {
  if (typeof serialized?.message === 'string') serialized.message = withoutUrlPasswords(serialized.message);
  if (typeof serialized?.stack === 'string') serialized.stack = withoutUrlPasswords(serialized.stack);
  return serialized;
}

/** pino's `censor`: a URL field keeps all but its password, any other listed field is replaced. */
export function censor(value: unknown, path: string[]): unknown {
  return URL_FIELD_SET.has(path[path.length - 1]) && typeof value === 'string' ? withoutUrlPasswords(value) : REDACTED;
}
