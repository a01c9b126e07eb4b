import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateStixFile } from './stix-validate.command.js';

async function fileWith(content: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'isac-validate-')), 'bundle.json');
  await writeFile(file, content);
  return file;
}

const indicator = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2026-11-20T10:00:00.000Z',
  modified: '2026-11-20T10:00:00.000Z',
  pattern: "[ipv4-addr:value = '198.51.100.7']",
  pattern_type: 'stix',
  valid_from: '2026-11-20T10:00:00Z',
};

describe('isac stix validate', () => {
  it('accepts a valid bundle with exit code 0', async () => {
    const file = await fileWith(JSON.stringify({ type: 'bundle', id: 'bundle--2f1e1f6e-7f3a-4c1b-9a55-0d7d8f2b7c11', objects: [indicator] }));
    const outcome = await validateStixFile(file, {});
    expect(outcome.exitCode).toBe(0);
    // counted properly (issue 17, rough edge 7): not "1 objects"
    expect(outcome.lines[0]).toMatch(/: valid STIX 2\.1 bundle, 1 object, 0 errors, 0 warnings$/);
  });

  it('lists each error with its JSON pointer and exits 1', async () => {
    const bad = { ...indicator, created: '2026-11-20T10:00:00', pattern: "[ipv4-addr:value = '1.2.3.4'" };
    const file = await fileWith(JSON.stringify({ type: 'bundle', id: 'bundle--2f1e1f6e-7f3a-4c1b-9a55-0d7d8f2b7c11', objects: [bad] }));
    const outcome = await validateStixFile(file, {});
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines[0]).toMatch(/: invalid STIX 2\.1 bundle, 1 object, 2 errors, /);
    expect(outcome.lines.some((l) => l.startsWith('error   /objects/0/created (indicator--8e2e2d2b'))).toBe(true);
    expect(outcome.lines.some((l) => l.startsWith('error   /objects/0/pattern') && l.includes('STIX.PATTERN_SYNTAX'))).toBe(true);
  });

  it('counts one error and several objects properly', async () => {
    const second = { ...indicator, id: 'indicator--9e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' };
    const objects = [{ ...indicator, created: '2026-11-20T10:00:00' }, second];
    const file = await fileWith(JSON.stringify({ type: 'bundle', id: 'bundle--2f1e1f6e-7f3a-4c1b-9a55-0d7d8f2b7c11', objects }));
    expect((await validateStixFile(file, {})).lines[0]).toMatch(/: invalid STIX 2\.1 bundle, 2 objects, 1 error, \d+ warnings?$/);
  });

  it('says when the file is not JSON, exit code 2', async () => {
    const outcome = await validateStixFile(await fileWith('{"type": "bundle",'), {});
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toContain('cannot read as JSON');
    expect((await validateStixFile('/nonexistent/file.json', {})).lines[0]).toContain('no such file');
  });

  it('prints the whole report as JSON with --json', async () => {
    const file = await fileWith(JSON.stringify({ type: 'bundle' }));
    const outcome = await validateStixFile(file, { json: true });
    expect(outcome.exitCode).toBe(1);
    expect(JSON.parse(outcome.lines[0])).toMatchObject({ valid: false, errors: expect.any(Array) });
  });

  it('validates the real MITRE ATT&CK for ICS bundle without an error', async () => {
    const outcome = await validateStixFile(path.resolve(process.cwd(), '../shared/data/mitre-attack-ics.json'), {});
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines[0]).toMatch(/valid STIX 2.1 bundle, \d+ objects, 0 errors/);
  });
});
