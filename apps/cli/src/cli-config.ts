import os from 'node:os';
import path from 'node:path';

/**
 * What the user commands take from the environment: the one place the CLI reads it. It stays out of
 * `@isac/config`, whose entry point loads Nest: the user commands start in a third of the time without it.
 */
export interface CliEnvironment {
  /** ISAC_URL: the hub, overriding the stored login */
  url?: string;
  /** ISAC_KEY: the API key, overriding the stored login */
  key?: string;
  /** where credentials.json lives: $XDG_CONFIG_HOME/isac, else ~/.config/isac */
  configDir: string;
  /** NO_COLOR (https://no-color.org): set to anything, no colour */
  noColor: boolean;
}

const given = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/**
 * Reads the CLI's variables. The administration commands (db, keys, orgs) read theirs through
 * `loadConfig()` of `@isac/config`; these are the ones a user's machine sets.
 */
export function cliEnvironment(env: Record<string, string | undefined> = process.env, home = os.homedir()): CliEnvironment {
  const xdg = given(env.XDG_CONFIG_HOME);
  // XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and ignored
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
  return {
    url: given(env.ISAC_URL),
    key: given(env.ISAC_KEY),
    configDir: path.join(base, 'isac'),
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
  };
}
