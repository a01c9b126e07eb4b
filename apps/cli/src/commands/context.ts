import type { CliEnvironment } from '../cli-config.js';
import { loadCredentials, resolveCredentials } from '../credentials.js';
import { HubClient } from '../http-client.js';
import { json } from '../output.js';

/** What every user command gets: the environment, whether to colour, the hub, and where to write. */
export interface CliContext {
  env: CliEnvironment;
  /** stdout is a terminal and NO_COLOR is unset */
  colour: boolean;
  /** stderr is a terminal (progress bars) */
  interactiveErr: boolean;
  hub(): Promise<HubClient>;
  print(lines: string | string[]): void;
  /** the hub's answer as it came, for scripts (`--json`) */
  printJson(value: unknown): void;
  note(lines: string | string[]): void;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const useColour = (stdout: { isTTY?: boolean }, env: Pick<CliEnvironment, 'noColor'>) => stdout.isTTY === true && !env.noColor;

export function createContext(env: CliEnvironment): CliContext {
  const write = (stream: NodeJS.WriteStream, lines: string | string[]) => {
    for (const line of Array.isArray(lines) ? lines : [lines]) stream.write(line + '\n');
  };
  return {
    env,
    colour: useColour(process.stdout, env),
    interactiveErr: process.stderr.isTTY === true,
    hub: async () => {
      // both overrides given: the stored login is not needed, so a broken one is no obstacle
      const stored = env.url && env.key ? null : await loadCredentials(env.configDir);
      const { url, key } = resolveCredentials(env, stored);
      return new HubClient(url, key);
    },
    print: (lines) => write(process.stdout, lines),
    printJson: (value) => write(process.stdout, json(value)),
    note: (lines) => write(process.stderr, lines),
  };
}

/** Comma-separated option values: `--sectors energy,health`. */
export const commaList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
