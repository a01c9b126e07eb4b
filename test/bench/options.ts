// The benchmarks' command-line options: `--<name> <value>`.

/** A number option, or `fallback` when absent. */
export function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

/** A text option, or undefined when absent. */
export function textOption(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}
