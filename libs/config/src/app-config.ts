import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateBy, validateSync } from 'class-validator';
import { parseNetworks } from './networks.js';
import { RetentionSettings } from './retention-settings.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Why `value` is not a list of networks (parseNetworks' message), or undefined when it is one. */
function networksProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not text';
  try {
    parseNetworks(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The key `npm start` and the tests use when none is given. It is public (it is in the source), so
 * secrets encrypted with it are as good as clear: production refuses it.
 */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY = Buffer.from('isac-hub development key: unsafe').toString('base64');

/** The same for listing cursors (CURSOR_SECRET_KEY): public, so production refuses it. */
export const DEVELOPMENT_CURSOR_SECRET_KEY = Buffer.from('isac-hub development cursors key').toString('base64');

/** Why `value` is not a usable 32-byte key for `nodeEnv` (`developmentKey` is refused in production). */
function secretKeyProblem(value: unknown, nodeEnv: unknown, developmentKey: string): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(value) || Buffer.from(value, 'base64').length !== 32) {
    return 'must be 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`';
  }
  if (nodeEnv === 'production' && value === developmentKey) {
    return 'must be set when NODE_ENV=production (the development key is public): generate one with `openssl rand -base64 32`';
  }
  return undefined;
}

const webhookSecretKeyProblem = (value: unknown, nodeEnv: unknown) => secretKeyProblem(value, nodeEnv, DEVELOPMENT_WEBHOOK_SECRET_KEY);
const cursorSecretKeyProblem = (value: unknown, nodeEnv: unknown) => secretKeyProblem(value, nodeEnv, DEVELOPMENT_CURSOR_SECRET_KEY);

const HOST_PORTS = /^$|^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/;

/** Why REDIS_CLUSTER_NODES is unusable with the rest of `config`, or undefined when it is fine. */
function clusterNodesProblem(value: unknown, config: AppConfig | undefined): string | undefined {
  if (typeof value !== 'string' || !HOST_PORTS.test(value)) return 'must be host:port pairs separated by commas, e.g. 10.0.0.1:6379,10.0.0.2:6379';
  if (value && config?.REDIS_SENTINELS) return 'and REDIS_SENTINELS are exclusive: a Redis Cluster fails over by itself, without sentinels; set one of them';
  if (value && /\/[1-9]\d*$/.test(config?.REDIS_URL ?? '')) return 'needs database 0 in REDIS_URL: a Redis Cluster has no other';
  return undefined;
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** The hub's configuration: every variable it reads, with its default (RETENTION_* in RetentionSettings). Validated at boot. */
export class AppConfig extends RetentionSettings {
  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+$/, {
    message: 'must be a PostgreSQL URL such as postgres://user@host:5432/database',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/isac';

  @Matches(/^rediss?:\/\/[^/]+(\/\d+)?$/, { message: 'must be a Redis URL such as redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Redis through Sentinel: `host:port` of each sentinel, comma-separated. Set, the hub asks them
   * for the primary named REDIS_SENTINEL_NAME and follows a failover without a restart; REDIS_URL
   * then gives only the password and database number. Empty (the default): REDIS_URL alone.
   */
  @Matches(HOST_PORTS, { message: 'must be host:port pairs separated by commas, e.g. 10.0.0.1:26379,10.0.0.2:26379' })
  REDIS_SENTINELS = '';

  /**
   * Redis Cluster: `host:port` of some of its nodes, comma-separated (the client learns the rest and
   * follows failovers without a restart). Exclusive with REDIS_SENTINELS; REDIS_URL then gives only
   * the password (a cluster has database 0 only). BullMQ keys take the hash tag `{REDIS_PREFIX}`.
   */
  @ValidateBy({
    name: 'redisClusterNodes',
    validator: {
      validate: (value, args) => clusterNodesProblem(value, args?.object as AppConfig) === undefined,
      defaultMessage: (args) => clusterNodesProblem(args?.value, args?.object as AppConfig) ?? '',
    },
  })
  REDIS_CLUSTER_NODES = '';

  /** The primary's name in the sentinels' configuration (`sentinel monitor <name> …`). */
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'may hold only letters, digits and _ . -' })
  REDIS_SENTINEL_NAME = 'mymaster';

  /** Namespace of every Redis key (BullMQ queues included); test runs use their own. */
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'may hold only letters, digits and _ . : -' })
  REDIS_PREFIX = 'isac';

  // class-validator runs these bottom-up and stops at the first failure: the integer check first
  @Max(65535)
  @Min(0)
  @IsInt({ message: 'must be an integer port number' })
  @Transform(toInt)
  PORT = 3000;

  /**
   * The worker's health listener (`/health/live`, `/health/ready`) for orchestrators such as
   * Kubernetes; 0 (the default) opens none. The worker serves nothing else over HTTP.
   */
  @Max(65535)
  @Min(0)
  @IsInt({ message: 'must be an integer port number' })
  @Transform(toInt)
  WORKER_HEALTH_PORT = 0;

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** The network seeded on start: centre, sector units and members. */
  @IsString()
  @IsNotEmpty()
  NETWORK_FILE = 'config/network.yaml';

  /** Seed the example registers of NETWORK_FILE (its `registers:` section) with the network: 'true' or 'false'. */
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  SEED_EXAMPLE_REGISTERS: 'true' | 'false' = 'true';

  /** Largest STIX bundle (request body) accepted, in bytes; beyond it the API answers 413. 64 MB by default. */
  @Max(1024 * 1024 * 1024)
  @Min(1024)
  @IsInt({ message: 'must be an integer number of bytes' })
  @Transform(toInt)
  MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

  /**
   * Largest JSON body of any other route, in bytes (1 MB by default), and of a bundle route without
   * a valid key: bodies are read before the key is checked, so this is what anyone may send.
   */
  @Max(1024 * 1024 * 1024)
  @Min(1024)
  @IsInt({ message: 'must be an integer number of bytes' })
  @Transform(toInt)
  MAX_JSON_BYTES = 1024 * 1024;

  /** TAXII 2.1 §4.2 `max_content_length`: largest envelope POSTed to /taxii2/, in bytes; beyond it 413. 16 MB by default. */
  @Max(1024 * 1024 * 1024)
  @Min(1024)
  @IsInt({ message: 'must be an integer number of bytes' })
  @Transform(toInt)
  TAXII_MAX_CONTENT_LENGTH = 16 * 1024 * 1024;

  /**
   * How long objects POSTed over TAXII that refer to a marking definition the hub does not hold yet
   * stay pending, while later envelopes of the same organisation may bring it (feeds send their
   * marking definitions last); then they fail. 60 s by default.
   */
  @Max(3_600_000)
  @Min(0)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Transform(toInt)
  TAXII_PENDING_WAIT_MS = 60_000;

  /** Webhook pushes (advisories): how long one POST may take, how often it is tried, the first back-off. */
  @Max(120_000)
  @Min(100)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Transform(toInt)
  WEBHOOK_TIMEOUT_MS = 5000;

  @Max(20)
  @Min(1)
  @IsInt({ message: 'must be an integer number of attempts' })
  @Transform(toInt)
  WEBHOOK_ATTEMPTS = 8;

  /** back-off before the second try; doubles on each further try */
  @Max(3_600_000)
  @Min(10)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Transform(toInt)
  WEBHOOK_BACKOFF_MS = 2000;

  /** webhook pushes per second and sector (BullMQ rate limit of each `deliver-<sector>` queue) */
  @Max(10_000)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  @Transform(toInt)
  WEBHOOK_RATE_PER_SECOND = 50;

  /**
   * Networks besides the public internet that webhooks may reach, e.g. `10.20.0.0/16,fd00::/8` for
   * organisations whose tooling sits on a private network. Empty: public addresses only, so a
   * webhook URL cannot reach the hub's own machine, its services or a cloud metadata endpoint.
   */
  @ValidateBy({
    name: 'networks',
    validator: {
      validate: (value) => networksProblem(value) === undefined,
      defaultMessage: (args) => `must be a comma-separated list of networks: ${networksProblem(args?.value)}`,
    },
  })
  WEBHOOK_ALLOWED_NETWORKS = '';

  /**
   * `production` makes the boot refuse development defaults (WEBHOOK_SECRET_KEY); the container
   * image sets it.
   */
  @IsString()
  NODE_ENV = 'development';

  /**
   * AES-256-GCM key that webhook secrets are encrypted with in the database: 32 bytes in base64
   * (`openssl rand -base64 32`). Unset, a development key is used, which NODE_ENV=production refuses.
   */
  @ValidateBy({
    name: 'webhookSecretKey',
    validator: {
      validate: (value, args) => webhookSecretKeyProblem(value, (args?.object as AppConfig | undefined)?.NODE_ENV) === undefined,
      defaultMessage: (args) => webhookSecretKeyProblem(args?.value, (args?.object as AppConfig | undefined)?.NODE_ENV) ?? '',
    },
  })
  WEBHOOK_SECRET_KEY = DEVELOPMENT_WEBHOOK_SECRET_KEY;

  /**
   * AES-256-GCM key that seals listing cursors (`next` of TAXII, incidents, audit, advisories, inbox):
   * 32 bytes in base64, the same on every API replica. Unset, a development key, which
   * NODE_ENV=production refuses.
   */
  @ValidateBy({
    name: 'cursorSecretKey',
    validator: {
      validate: (value, args) => cursorSecretKeyProblem(value, (args?.object as AppConfig | undefined)?.NODE_ENV) === undefined,
      defaultMessage: (args) => cursorSecretKeyProblem(args?.value, (args?.object as AppConfig | undefined)?.NODE_ENV) ?? '',
    },
  })
  CURSOR_SECRET_KEY = DEVELOPMENT_CURSOR_SECRET_KEY;

  /**
   * How long a worker's hold on a running job lasts without renewal (BullMQ's lock, renewed at half
   * of it while the job runs), and how often workers look for jobs whose holder stopped answering
   * (stalled): a worker frozen or cut off this long has its running jobs taken over by another.
   * 30 s by default, as BullMQ's.
   */
  @Max(600_000)
  @Min(1000)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Transform(toInt)
  QUEUE_LOCK_MS = 30_000;

  /** The reconciler re-drives routing and webhook pushes not finished this long after their last move. */
  @Max(3_600_000)
  @Min(200)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Transform(toInt)
  RECONCILE_AFTER_MS = 30_000;
}

export interface ConfigProblem {
  variable: string;
  value: unknown;
  message: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'invalid configuration: ' + problems.map((p) => `${p.variable}=${JSON.stringify(p.value)} ${p.message}`).join('; '),
    );
  }
}

const SECRET_VARIABLES = new Set(['WEBHOOK_SECRET_KEY', 'CURSOR_SECRET_KEY']);

/** A URL's password as `***` (`postgres://hub:***@db/isac`), however malformed the rest is. */
export function withoutPassword(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i, '$1***@') : value;
}

/** What a problem may show of a value: the messages go to logs. */
function shownValue(variable: string, value: unknown): unknown {
  if (SECRET_VARIABLES.has(variable)) return '(hidden)';
  return variable.endsWith('_URL') ? withoutPassword(value) : value;
}

const KNOWN = Object.keys(new AppConfig()) as (keyof AppConfig)[];

/**
 * Reads the configuration from an environment (process.env by default: the only place the hub
 * reads it). Empty strings count as unset. Throws a ConfigError naming every wrong variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const given: Record<string, string> = {};
  for (const key of KNOWN) {
    const value = env[key];
    if (value !== undefined && value !== '') given[key] = value;
  }
  const config = plainToInstance(AppConfig, given);
  const errors = validateSync(config, { forbidUnknownValues: false, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => ({
        variable: e.property,
        // a key or a password is never echoed, not even a wrong one
        value: shownValue(e.property, e.value),
        message: Object.values(e.constraints ?? {}).join(', '),
      })),
    );
  }
  return config;
}

/** The database name in a PostgreSQL URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The same URL pointing to another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + encodeURIComponent(database);
  return parsed.toString();
}
