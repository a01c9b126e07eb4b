import { takeEvents } from './event-stream.js';

describe('takeEvents', () => {
  it('takes the complete events, keeps an unfinished one, skips heartbeats and non-JSON data', () => {
    const { events, rest } = takeEvents('retry: 3000\nevent: ready\ndata: {"organisation":"coho"}\n\n: keep-alive\n\nevent: inbox\r\ndata: {"change":"added"}\r\n\r\nevent: x\ndata: not json\n\nevent: inbox\ndata: {"cha');
    expect(events).toEqual([
      { type: 'ready', data: { organisation: 'coho' } },
      { type: 'inbox', data: { change: 'added' } },
    ]);
    expect(rest).toBe('event: inbox\ndata: {"cha');
    expect(takeEvents(rest + 'nge":"changed"}\n\n').events).toEqual([{ type: 'inbox', data: { change: 'changed' } }]);
  });
});
