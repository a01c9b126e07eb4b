import { bar, bytes, LARGE_UPLOAD_BYTES, uploadProgress } from './progress.js';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, write: (s: string) => written.push(s), written };
}

describe('upload progress', () => {
  it('draws the bar with the share and the sizes', () => {
    expect(bar(0, 4 * 1024 * 1024, 10)).toBe('[..........]   0%  0 B of 4.0 MB');
    expect(bar(1024 * 1024, 4 * 1024 * 1024, 10)).toBe('[###.......]  25%  1.0 MB of 4.0 MB');
    expect(bar(5, 5, 10)).toBe('[##########] 100%  5 B of 5 B');
    expect(bytes(1536)).toBe('1.5 KB');
  });

  it('on a terminal, redraws a large upload in place and ends the line', () => {
    const total = 4 * LARGE_UPLOAD_BYTES;
    const out = recorder(true);
    const progress = uploadProgress(out, 'uploading b.json', total, Date.now());
    progress.update(total / 4, total);
    progress.update(total / 4 + 1, total); // same percent: not drawn again
    progress.update(total / 2, total);
    progress.done();
    expect(out.written).toHaveLength(3);
    expect(out.written[0]).toMatch(/^\ruploading b\.json \[#+\.+\]  25%/);
    expect(out.written[2]).toMatch(/100%.*\n.*sent in \d+\.\d s, waiting for the hub's answer\n$/);
  });

  it('elsewhere, one plain final line for a large upload and nothing for a small one', () => {
    const large = recorder(false);
    const progress = uploadProgress(large, 'uploading b.json', 2 * LARGE_UPLOAD_BYTES);
    progress.update(LARGE_UPLOAD_BYTES, 2 * LARGE_UPLOAD_BYTES);
    progress.done();
    expect(large.written).toEqual([expect.stringMatching(/^uploading b\.json: 2\.0 MB sent in \d+\.\d s, waiting for the hub's answer\n$/)]);
    const small = recorder(true);
    const quiet = uploadProgress(small, 'uploading s.json', 2000);
    quiet.update(1000, 2000);
    quiet.done();
    expect(small.written).toEqual([]);
  });
});
