// Server-sent events read with fetch (EventSource cannot send the Authorization header). Every event
// is re-dispatched on `live` by type; `resync` follows each (re)connection, since a gap may have lost events.
import { session } from './api.js';

export const live = new EventTarget();

function dispatch(block) {
  let type = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (!data) return;
  let detail;
  try {
    detail = JSON.parse(data);
  } catch {
    return;
  }
  live.dispatchEvent(new CustomEvent(type, { detail }));
  if (type === 'ready') live.dispatchEvent(new CustomEvent('resync', { detail }));
}

export function connectLive(onStatus) {
  let stopped = false;
  let controller = null;
  (async () => {
    let delay = 1000;
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch('/api/v1/events', {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.key()}` },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (res.status === 401) {
          window.dispatchEvent(new CustomEvent('isac:unauthorised'));
          return;
        }
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        onStatus('live');
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        if (stopped) return;
      }
      onStatus('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  })();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

/** Runs `load` once for a burst of events (a fan-out may announce many changes at once). */
export function coalesce(load, waitMs = 250) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => load().catch(() => undefined), waitMs);
  };
}
