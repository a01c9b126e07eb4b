import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { TLP_LABELS } from '@isac/tlp';
import { usageError } from '../exit-codes.js';
import { commaList } from './context.js';

/** The file at `path`, `-` for stdin; a missing file is the user's mistake (exit 2), not the hub's. */
export async function readInput(path: string, what: string): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** The Markdown body: `--body <text>` or `--body-file <path|->`, exactly one. */
export async function bodyOf(opts: { body?: string; bodyFile?: string }): Promise<string> {
  if (opts.body !== undefined && opts.bodyFile !== undefined) throw usageError('give --body or --body-file, not both');
  if (opts.body !== undefined) return opts.body;
  if (opts.bodyFile !== undefined) return (await readInput(opts.bodyFile, 'the body file')).toString('utf8');
  throw usageError('the message needs a body: --body <markdown> or --body-file <path> (- for stdin)');
}

/** The options advisories and alerts share: what, how bad, how marked, for whom. */
export function messageOptions(command: Command, { checkedByCaller = false } = {}): Command {
  // checkedByCaller: the command names every missing option at once itself (alert issue) instead of commander, one at a time
  const required = (flags: string, description: string) =>
    checkedByCaller ? command.option(flags, `${description} (required)`) : command.requiredOption(flags, description);
  required('--title <text>', 'the title');
  command.option('--body <markdown>', 'the body, Markdown').option('--body-file <path>', 'the body from a file (- for stdin)');
  required('--severity <level>', 'info, low, medium, high or critical');
  required('--tlp <label>', `${TLP_LABELS.slice(0, -1).join(', ')} or ${TLP_LABELS.at(-1)} (the TLP: may be left out)`);
  return command
    .option('--all', 'to every organisation of the network')
    .option('--sectors <list>', 'to every organisation of these sectors (comma-separated)', commaList)
    .option('--orgs <list>', 'to these organisations by slug (comma-separated)', commaList)
    .option('--idempotency-key <key>', 'makes a retry of the same command safe (sent as Idempotency-Key)')
    .option('--json', "print the hub's answer");
}
