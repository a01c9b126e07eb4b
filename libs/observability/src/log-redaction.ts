// What never reaches a log line: credentials a field may hold by accident (a header object, a config
// dump, an error's detail). Redaction is pino's (by path, compiled once); a database URL keeps its host
// and user, for the operator, and loses its password.

/** Fields that hold a secret whole: replaced by REDACTED wherever they appear, at the top or one level down. */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
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

export const REDACTED = '[redacted]';

const paths = (fields: string[]) => fields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** pino's `paths`: e.g. `headers.authorization`, `req.headers.authorization`, `config.DATABASE_URL`. */
export const REDACTED_PATHS = [...paths(SECRET_FIELDS), ...paths(URL_FIELDS)];
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
