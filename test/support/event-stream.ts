// A client of GET /api/v1/events for the suites: the events as they come, parsed.
export interface Stream {
  events: { type: string; data: Record<string, string> }[];
  ended: boolean;
  status: number;
  contentType: string | null;
  close(): void;
}

export async function openStream(url: string, key: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' }, signal: controller.signal });
  const stream: Stream = { events: [], ended: false, status: res.status, contentType: res.headers.get('content-type'), close: () => controller.abort() };
  if (!res.ok || !res.body) return stream;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) stream.events.push({ type, data: JSON.parse(data) });
        }
      }
    } catch {
      /* aborted */
    }
    stream.ended = true;
  })();
  // the stream is registered once its first event (ready) arrived
  const started = Date.now();
  while (!stream.events.some((e) => e.type === 'ready')) {
    if (Date.now() - started > 10_000) throw new Error('no ready event');
    await new Promise((r) => setTimeout(r, 20));
  }
  return stream;
}
