import { meetingBody } from './meeting.command.js';

describe('meeting create options → POST /api/v1/meetings', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  const required = { title: 'Network meeting Q1', starts: '2027-02-03T09:00:00Z', ends: '2027-02-03T12:00:00Z', participants: ['centre', 'energy'], series: 'sector-network' };

  it('sends what was given and leaves the rest to the hub (TLP:AMBER, breaks)', () => {
    expect(meetingBody(required, now)).toEqual({ title: 'Network meeting Q1', startsAt: '2027-02-03T09:00:00Z', endsAt: '2027-02-03T12:00:00Z', participants: ['centre', 'energy'], series: 'sector-network' });
  });

  it('maps the optional fields and spans from now', () => {
    expect(meetingBody({ ...required, starts: '1w', ends: '2026-12-01T13:00:00+01:00', location: 'Room 1', onlineUrl: 'https://call.example/q1', tlp: 'green', organizerEmail: 'meetings@ncsc.example' }, now)).toMatchObject({
      startsAt: '2026-12-01T10:00:00Z',
      endsAt: '2026-12-01T12:00:00Z',
      location: 'Room 1',
      onlineUrl: 'https://call.example/q1',
      tlp: 'TLP:GREEN',
      organizerEmail: 'meetings@ncsc.example',
    });
  });
});
