import { REPORT_STAGES } from '@isac/incidents';
import { STAGES } from './incident.command.js';

describe('isac incident --stage', () => {
  it('offers exactly the report stages the hub takes', () => {
    expect(STAGES).toEqual([...REPORT_STAGES]);
  });
});
