import { REQUEST_ERRORS } from './errors.js';

/** A service the hub needs is not there: one line saying which, where and what to do. */
export class ServiceUnreachableError extends Error {
  readonly code = REQUEST_ERRORS.serviceUnavailable;
  constructor(
    readonly service: 'PostgreSQL' | 'Redis',
    readonly target: string,
    cause: unknown,
  ) {
    const reason = (cause as { code?: string })?.code ?? (cause as Error)?.message ?? String(cause);
    super(
      `${service} at ${target} is not reachable (${reason}): start it with "bash ops/services.sh" or point ${
        service === 'PostgreSQL'
          ? 'DATABASE_URL'
          : target.includes('sentinels')
            ? 'REDIS_SENTINELS'
            : target.startsWith('cluster nodes')
              ? 'REDIS_CLUSTER_NODES'
              : 'REDIS_URL'
      } at a running server`,
    );
  }
}
