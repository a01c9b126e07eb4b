// The hub's server-sent events (GET /api/v1/events) for the watch modes: parsing is pure; following
// reconnects after a lost stream, as watchEvery polls again after a lost request.
import { CliError, EXIT } from './exit-codes.js';
import type { HubClient } from './http-client.js';
import { watchEvery } from './watch.js';

export interface HubEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The complete events in `buffer` (blocks ended by a blank line) and what is left of an unfinished one. */
export function takeEvents(buffer: string): { events: HubEvent[]; rest: string } {
  const events: HubEvent[] = [];
  let text = buffer.replace(/\r\n/g, '\n');
  let end: number;
  while ((end = text.indexOf('\n\n')) >= 0) {
    const block = text.slice(0, end);
    text = text.slice(end + 2);
    let type = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (!data) continue; // a comment (the heartbeat) or a retry hint
    try {
      events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
    } catch {
      // not JSON: nothing the hub sends, so nothing to act on
    }
  }
  return { events, rest: text };
}

export interface FollowHandlers {
  /** each (re)connection's `ready`: a gap may have lost events, so look again */
  onReady(signal: AbortSignal): Promise<void>;
  /** the events that arrived together, after the ready of their connection */
  onEvents(events: HubEvent[], signal: AbortSignal): Promise<void>;
  onTrouble(lines: string[]): void;
}

/**
 * Follows the caller's event stream until Ctrl-C (SIGINT) or SIGTERM, which end it cleanly. A
 * stream that ends or a hub that cannot be reached is reported once and tried again every
 * `retryMs`; a refusal (a revoked key) ends the watch with its error.
 */
export async function followEvents(hub: HubClient, retryMs: number, handlers: FollowHandlers): Promise<void> {
  await watchEvery(
    retryMs,
    async (signal, reachable) => {
      const body = await hub.eventStream('/api/v1/events', signal);
      const reader = body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch((error: Error) => {
          if (signal.aborted) throw error;
          // the connection broke mid-stream (the hub restarted, the network went away)
          throw new CliError(EXIT.UNAVAILABLE, [
            `the event stream from ${hub.url} broke off (${(error.cause as Error | undefined)?.message ?? error.message})`,
          ]);
        });
        if (done) break;
        const { events, rest } = takeEvents(buffer + value);
        buffer = rest;
        if (events.some((e) => e.type === 'ready')) {
          await handlers.onReady(signal);
          reachable();
        }
        const others = events.filter((e) => e.type !== 'ready');
        if (others.length) await handlers.onEvents(others, signal);
      }
      if (signal.aborted) return;
      throw new CliError(EXIT.UNAVAILABLE, [`the hub at ${hub.url} ended the event stream`]);
    },
    handlers.onTrouble,
  );
}
