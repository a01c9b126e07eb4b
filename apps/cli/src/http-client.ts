import { CliError, EXIT } from './exit-codes.js';
import { formatProblem, type Problem } from './problems.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  /** sent as JSON unless `raw` is given */
  json?: unknown;
  /** bytes sent as they are, with `contentType` */
  raw?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** called as the body is handed to the connection: bytes sent so far, of total */
  onUpload?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface HubResponse<T> {
  status: number;
  body: T;
  contentType: string;
}

/** Bodies above this go out as a stream, so the upload can be followed. */
const STREAM_ABOVE_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

function streamOf(bytes: Uint8Array, onUpload?: (sent: number, total: number) => void): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const chunk = bytes.subarray(offset, Math.min(offset + CHUNK_BYTES, bytes.length));
      offset += chunk.length;
      controller.enqueue(chunk);
      onUpload?.(offset, bytes.length);
    },
  });
}

function unreachable(url: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(EXIT.UNAVAILABLE, [`error: cannot reach the hub at ${url} (${reason})`]);
}

/** Statuses of a hub (or its balancer) that could not answer now; a keyed POST is tried again on them. */
const RETRY_STATUSES = new Set([502, 503, 504]);
/** waits before each further try of a keyed POST: about 7 s in all, a replica restart or a Redis failover */
const RETRY_DELAYS_MS = [250, 750, 2000, 4000];

/**
 * The hub's REST API with one key: JSON in and out, problem+json turned into CliErrors. A POST that
 * carries an Idempotency-Key is tried again when the hub cannot be reached or answers 502/503/504:
 * the key makes the hub answer a retry with what it did the first time, so nothing is done twice.
 */
export class HubClient {
  constructor(
    readonly url: string,
    private readonly key: string,
  ) {}

  urlFor(path: string, query: Query = {}): string {
    const target = new URL(this.url + path);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) target.searchParams.set(name, String(value));
    return target.toString();
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<HubResponse<T>> {
    const { status, text, contentType } = await this.send(method, path, options);
    const body = (/json/.test(contentType) && text !== '' ? JSON.parse(text) : text) as T;
    return { status, body, contentType };
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal }).then((r) => r.body);
  }

  post<T>(path: string, json?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, { json, headers }).then((r) => r.body);
  }

  patch<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { json }).then((r) => r.body);
  }

  /** A document (agenda.md, meeting.ics) as text. */
  async text(path: string): Promise<{ body: string; contentType: string }> {
    const { text, contentType } = await this.send('GET', path, {});
    return { body: text, contentType };
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<{ status: number; text: string; contentType: string }> {
    const retryable = method === 'POST' && options.headers?.['Idempotency-Key'] !== undefined && !options.raw;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce(method, path, options);
      } catch (error) {
        const again = retryable && attempt < RETRY_DELAYS_MS.length && this.worthRetrying(error);
        if (!again) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  private worthRetrying(error: unknown): boolean {
    if (error instanceof HubRequestError) return RETRY_STATUSES.has(error.status);
    return error instanceof CliError && error.exitCode === EXIT.UNAVAILABLE;
  }

  private async sendOnce(method: string, path: string, options: RequestOptions): Promise<{ status: number; text: string; contentType: string }> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.key}`,
      Accept: 'application/json, application/problem+json, */*',
      ...options.headers,
    };
    let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
    let bytes: Uint8Array | undefined;
    if (options.raw) bytes = options.raw;
    else if (options.json !== undefined) bytes = new TextEncoder().encode(JSON.stringify(options.json));
    if (bytes) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      body = bytes.length > STREAM_ABOVE_BYTES ? streamOf(bytes, options.onUpload) : bytes;
    }
    const target = this.urlFor(path, options.query);
    // a body sent whole is handed over at once; a streamed one reports as it goes
    if (bytes && !(body instanceof ReadableStream)) options.onUpload?.(bytes.length, bytes.length);
    let res: Response;
    try {
      // redirects are not followed: the key goes to the hub it was given for and nowhere else
      res = await fetch(target, {
        method,
        headers,
        body,
        signal: options.signal,
        redirect: 'manual',
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw unreachable(this.url, error);
    }
    this.refuseRedirect(res);
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    if (res.ok) return { status: res.status, text, contentType };
    throw this.failure(res, text, contentType);
  }

  /**
   * An open `text/event-stream` (GET), as its body's bytes; a refusal is thrown as for any request.
   * The stream ends when the hub ends it or `signal` aborts.
   */
  async eventStream(path: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    let res: Response;
    try {
      res = await fetch(this.urlFor(path), {
        headers: { Authorization: `Bearer ${this.key}`, Accept: 'text/event-stream, application/problem+json' },
        signal,
        redirect: 'manual',
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw unreachable(this.url, error);
    }
    this.refuseRedirect(res);
    if (res.ok && res.body) return res.body;
    throw this.failure(res, await res.text(), res.headers.get('content-type') ?? '');
  }

  private refuseRedirect(res: Response): void {
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location') ?? 'elsewhere';
      throw new CliError(EXIT.USAGE, [`error: the hub at ${this.url} redirects to ${location}; log in with the hub's own URL`]);
    }
  }

  private failure(res: Response, text: string, contentType: string): HubRequestError {
    let problem: Problem | null = null;
    if (/json/.test(contentType)) {
      try {
        problem = JSON.parse(text) as Problem;
      } catch {
        problem = null;
      }
    }
    const exitCode = res.status >= 500 ? EXIT.UNAVAILABLE : EXIT.REJECTED;
    return new HubRequestError(exitCode, res.status, problem, formatProblem(res.status, problem, text));
  }
}

/** The hub answered with an error: its status and problem document, for `--json` callers too. */
export class HubRequestError extends CliError {
  constructor(
    exitCode: typeof EXIT.REJECTED | typeof EXIT.UNAVAILABLE,
    readonly status: number,
    readonly problem: Problem | null,
    lines: string[],
  ) {
    super(exitCode, lines);
  }
}
