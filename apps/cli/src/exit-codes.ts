/**
 * Exit codes of every `isac` command, so scripts can tell a refusal from a broken network:
 * 1 the hub (or the offline validator) rejected the input, 2 the command was used wrongly,
 * 3 the hub could not be reached or failed on its side.
 */
export const EXIT = {
  OK: 0,
  REJECTED: 1,
  USAGE: 2,
  UNAVAILABLE: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI explains in lines on stderr and ends with the given exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly lines: string[],
  ) {
    super(lines[0] ?? 'failed');
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(EXIT.USAGE, [`error: ${message}`]);
