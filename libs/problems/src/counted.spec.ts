import { counted } from './counted.js';

describe('counted', () => {
  it('says one thing in the singular, none or several in the plural', () => {
    expect(counted(1, 'problem')).toBe('1 problem');
    expect(counted(2, 'problem')).toBe('2 problems');
    expect(counted(0, 'error')).toBe('0 errors');
    expect(counted(1, 'entry', 'entries')).toBe('1 entry');
    expect(counted(3, 'entry', 'entries')).toBe('3 entries');
  });
});
