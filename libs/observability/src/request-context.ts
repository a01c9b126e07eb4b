import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  keyPrefix?: string;
}

/** The request being served, for log lines written anywhere below the HTTP edge. */
export const requestContext = new AsyncLocalStorage<RequestContext>();
