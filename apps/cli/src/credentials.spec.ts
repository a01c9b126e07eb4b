import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliEnvironment } from './cli-config.js';
import { credentialsFile, loadCredentials, normaliseHubUrl, removeCredentials, resolveCredentials, saveCredentials } from './credentials.js';
import { CliError, EXIT } from './exit-codes.js';

const mode = async (file: string) => (await stat(file)).mode & 0o777;
const scratch = () => mkdtemp(path.join(tmpdir(), 'isac-credentials-'));

describe('the stored login', () => {
  it('is written 0600 in a directory 0700, whatever the umask', async () => {
    const dir = path.join(await scratch(), 'isac');
    const previous = process.umask(0o000);
    try {
      await saveCredentials(dir, { url: 'http://hub:3000', key: 'isac_12345678.secret' });
    } finally {
      process.umask(previous);
    }
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(credentialsFile(dir))).toBe(0o600);
    expect(JSON.parse(await readFile(credentialsFile(dir), 'utf8'))).toEqual({ url: 'http://hub:3000', key: 'isac_12345678.secret' });
  });

  it('tightens a directory and a file that were left open, and replaces the old login', async () => {
    const dir = path.join(await scratch(), 'isac');
    await mkdir(dir, { mode: 0o755 });
    await writeFile(credentialsFile(dir), '{"url":"http://old","key":"old"}', { mode: 0o644 });
    await chmod(dir, 0o755);
    await saveCredentials(dir, { url: 'http://new', key: 'new' });
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(credentialsFile(dir))).toBe(0o600);
    expect(await loadCredentials(dir)).toEqual({ url: 'http://new', key: 'new' });
  });

  it('reads back nothing when there is no login, and logout removes it once', async () => {
    const dir = path.join(await scratch(), 'isac');
    expect(await loadCredentials(dir)).toBeNull();
    expect(await removeCredentials(dir)).toBe(false);
    await saveCredentials(dir, { url: 'http://hub', key: 'k' });
    expect(await removeCredentials(dir)).toBe(true);
    expect(await loadCredentials(dir)).toBeNull();
  });

  it('refuses a file it did not write as a usage error', async () => {
    const dir = await scratch();
    await writeFile(credentialsFile(dir), '{"token":"x"}');
    await expect(loadCredentials(dir)).rejects.toMatchObject({ exitCode: EXIT.USAGE });
  });

  // a hand edit or a disk that filled up mid-write: one line naming the file and what is wrong, exit 2
  it.each([
    ['not JSON', '{"url": "http://hub",', 'is not JSON'],
    ['empty', '', 'is not JSON'],
    ['JSON null', 'null', 'holds null, not an object with "url" and "key"'],
    ['an array', '["http://hub", "k"]', 'holds an array, not an object with "url" and "key"'],
    ['a string', '"isac_12345678.k"', 'holds a string, not an object with "url" and "key"'],
    ['a number for the key', '{"url": "http://hub", "key": 7}', '"key" is a number, not a string'],
    ['no url', '{"key": "k"}', '"url" is missing'],
  ])('refuses a credentials file that is %s with one line naming it (exit 2)', async (_, text, reason) => {
    const dir = await scratch();
    await writeFile(credentialsFile(dir), text);
    const error = await loadCredentials(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.USAGE);
    expect((error as CliError).lines).toHaveLength(1);
    expect((error as CliError).lines[0]).toBe(`error: ${credentialsFile(dir)} ${reason}; run \`isac login\` again (or set ISAC_URL and ISAC_KEY)`);
  });

  it('says which file it cannot read when it is there but not readable (exit 2)', async () => {
    const dir = await scratch();
    await mkdir(credentialsFile(dir));
    await expect(loadCredentials(dir)).rejects.toMatchObject({ exitCode: EXIT.USAGE, lines: [`error: cannot read ${credentialsFile(dir)}: EISDIR`] });
  });
});

describe('which hub and key a command uses', () => {
  const stored = { url: 'http://stored:3000', key: 'stored-key' };

  it('the stored login, each part overridden by ISAC_URL and ISAC_KEY', () => {
    expect(resolveCredentials({}, stored)).toEqual(stored);
    expect(resolveCredentials({ key: 'env-key' }, stored)).toEqual({ url: 'http://stored:3000', key: 'env-key' });
    expect(resolveCredentials({ url: 'https://hub.example/' }, stored)).toEqual({ url: 'https://hub.example', key: 'stored-key' });
    expect(resolveCredentials({ url: 'http://h', key: 'k' }, null)).toEqual({ url: 'http://h', key: 'k' });
  });

  it('without a login: a usage error saying how to log in', () => {
    let error: unknown;
    try {
      resolveCredentials({ url: 'http://h' }, null);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.USAGE);
    expect((error as CliError).lines[0]).toContain('isac login --url');
  });

  it('hub URLs: http(s) only, without the trailing slash', () => {
    expect(normaliseHubUrl('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(normaliseHubUrl('https://hub.example/isac/')).toBe('https://hub.example/isac');
    expect(() => normaliseHubUrl('hub.example')).toThrow(CliError);
    expect(() => normaliseHubUrl('ftp://hub.example')).toThrow(/not an http\(s\) URL/);
  });
});

describe('the CLI environment', () => {
  it('puts the config under XDG_CONFIG_HOME, else ~/.config, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(cliEnvironment({ XDG_CONFIG_HOME: '/x/conf' }, '/home/ana').configDir).toBe('/x/conf/isac');
    expect(cliEnvironment({}, '/home/ana').configDir).toBe('/home/ana/.config/isac');
    expect(cliEnvironment({ XDG_CONFIG_HOME: 'relative' }, '/home/ana').configDir).toBe('/home/ana/.config/isac');
  });

  it('reads ISAC_URL, ISAC_KEY (empty counts as unset) and NO_COLOR', () => {
    expect(cliEnvironment({ ISAC_URL: 'http://h', ISAC_KEY: ' ', NO_COLOR: '1' }, '/h')).toMatchObject({ url: 'http://h', key: undefined, noColor: true });
    expect(cliEnvironment({ NO_COLOR: '' }, '/h').noColor).toBe(false);
  });
});
