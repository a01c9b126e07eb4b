import { matchPrefix } from './case-ref.js';

describe('matchPrefix', () => {
  const ids = ['5dab401f-0000-4000-8000-000000000001', '5dab9999-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000003'];
  it('one match, any letter case', () => expect(matchPrefix('5DAB4', ids)).toEqual({ id: ids[0] }));
  it('several: ambiguous, with each', () => expect(matchPrefix('5dab', ids)).toEqual({ ambiguous: [ids[0], ids[1]] }));
  it('none', () => expect(matchPrefix('ff', ids)).toEqual({ none: true }));
});
