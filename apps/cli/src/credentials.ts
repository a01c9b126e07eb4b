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

export async function loadCredentials(configDir: string): Promise<Credentials | null> {
  let text: string;
  try {
    text = await readFile(credentialsFile(configDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<Credentials>;
  if (typeof parsed.url !== 'string' || typeof parsed.key !== 'string') {
    throw usageError(`${credentialsFile(configDir)} is not a login this CLI wrote; run \`isac login\` again`);
  }
  return { url: parsed.url, key: parsed.key };
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
