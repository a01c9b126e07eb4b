import { uuidArrayParam } from './uuid-array.js';

const A = '0190e7a4-5b1c-7d2e-8f00-0123456789ab';
const B = 'FFFFFFFF-0000-4000-8000-00000000000F';

describe('uuidArrayParam (a uuid[] parameter in array_send format)', () => {
  it('writes one dimension, no nulls, uuid elements, and each id as its 16 bytes', () => {
    const buffer = uuidArrayParam([A, B]);
    expect(buffer.readInt32BE(0)).toBe(1);
    expect(buffer.readInt32BE(4)).toBe(0);
    expect(buffer.readUInt32BE(8)).toBe(2950);
    expect(buffer.readInt32BE(12)).toBe(2);
    expect(buffer.readInt32BE(16)).toBe(1);
    expect(buffer.readInt32BE(20)).toBe(16);
    expect(buffer.subarray(24, 40).toString('hex')).toBe(A.replace(/-/g, ''));
    expect(buffer.readInt32BE(40)).toBe(16);
    expect(buffer.subarray(44, 60).toString('hex')).toBe(B.replace(/-/g, '').toLowerCase());
    expect(buffer.length).toBe(60);
  });

  it('writes an empty list as an array of no dimensions', () => {
    const buffer = uuidArrayParam([]);
    expect([buffer.readInt32BE(0), buffer.readInt32BE(4), buffer.readUInt32BE(8), buffer.length]).toEqual([0, 0, 2950, 12]);
  });

  it('refuses a string that is not a uuid rather than send other bytes', () => {
    expect(() => uuidArrayParam([A, 'not-a-uuid'])).toThrow('not a uuid: "not-a-uuid"');
    expect(() => uuidArrayParam([`${A}0`])).toThrow('not a uuid');
  });

  it('encodes a frozen list once, and any other list again on each call', () => {
    const frozen = Object.freeze([A, B]);
    expect(uuidArrayParam(frozen)).toBe(uuidArrayParam(frozen));
    const open = [A, B];
    const first = uuidArrayParam(open);
    open.push(A);
    expect(uuidArrayParam(open)).not.toBe(first);
    expect(uuidArrayParam(open).length).toBe(first.length + 20);
  });
});
