import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliEnvironment } from './cli-config.js';
import { usageError } from './exit-codes.js';

export interface Credentials {
  url: string;
  key: string;
}

export const credentialsFile = (configDir: string) => path.join(configDir, 'credentials.json');

/** Stores the login readable by the user alone: directory 0700, file 0600, replaced atomically. */
export async function saveCredentials(configDir: string, credentials: Credentials): Promise<string> {
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone, and the umask may have widened a new one
  await chmod(configDir, 0o700);
  const file = credentialsFile(configDir);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ url: credentials.url, key: credentials.key }, null, 2) + '\n', { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  return file;
}

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

/** What is wrong with a parsed credentials file, or null when it holds a login. */
function shapeProblem(parsed: unknown): string | null {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return `holds ${kindOf(parsed)}, not an object with "url" and "key"`;
  for (const field of ['url', 'key'] as const) {
    const value = (parsed as Record<string, unknown>)[field];
    if (value === undefined) return `"${field}" is missing`;
    if (typeof value !== 'string') return `"${field}" is ${kindOf(value)}, not a string`;
  }
  return null;
}

/**
 * The stored login, or null when there is none. A file that is there but unreadable, not JSON or
 * of another shape is the user's to fix (exit 2): one line naming it and what is wrong, no stack.
 */
export async function loadCredentials(configDir: string): Promise<Credentials | null> {
  const file = credentialsFile(configDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw usageError(`cannot read ${file}: ${code ?? (error as Error).message}`);
  }
  const again = 'run `isac login` again (or set ISAC_URL and ISAC_KEY)';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError(`${file} is not JSON; ${again}`);
  }
  const problem = shapeProblem(parsed);
  if (problem) throw usageError(`${file} ${problem}; ${again}`);
  const { url, key } = parsed as Credentials;
  return { url, key };
}

/** true when there was a login to remove */
export async function removeCredentials(configDir: string): Promise<boolean> {
  const file = credentialsFile(configDir);
  try {
    await readFile(file);
  } catch {
    return false;
  }
  await rm(file, { force: true });
  return true;
}

/** ISAC_URL and ISAC_KEY override the stored login, each on its own. */
export function resolveCredentials(env: Pick<CliEnvironment, 'url' | 'key'>, stored: Credentials | null): Credentials {
  const url = env.url ?? stored?.url;
  const key = env.key ?? stored?.key;
  if (!url || !key) {
    throw usageError('not logged in: run `isac login --url <hub>` (or set ISAC_URL and ISAC_KEY)');
  }
  return { url: normaliseHubUrl(url), key };
}

/** The hub's base URL without a trailing slash; refuses what is not http(s). */
export function normaliseHubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`"${url}" is not a URL; give the hub as http(s)://host[:port]`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw usageError(`"${url}" is not an http(s) URL`);
  return parsed.toString().replace(/\/+$/, '');
}
