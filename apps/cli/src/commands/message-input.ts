import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { TLP_LABELS } from '@isac/tlp';
import { affectedProducts, affectedProviders, type ProductMatch } from '../affected-products.js';
import { CliError, EXIT, usageError } from '../exit-codes.js';
import type { HubClient } from '../http-client.js';
import { resolveCaseId } from './case-ref.js';
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

/**
 * `--incident <case>`: the products and providers the case's incident names as affected become the
 * targeted audience (issue 18: the impact reach turned into a warning in one step), next to any
 * other audience option given.
 */
export async function withCaseTargets<T extends { incident?: string; products?: ProductMatch[]; dependsOn?: string[] }>(hub: HubClient, opts: T): Promise<T> {
  if (!opts.incident) return opts;
  const caseId = await resolveCaseId(hub, opts.incident);
  const bundle = await hub.get<{ objects?: unknown }>(`/api/v1/incidents/${encodeURIComponent(caseId)}/bundle`);
  const products = affectedProducts(bundle);
  const providers = affectedProviders(bundle);
  if (!products.length && !providers.length)
    throw new CliError(EXIT.REJECTED, [
      `error: case ${caseId} names no affected product or provider (x_isac_affected_products, x_isac_affected_providers); use --product or --depends-on`,
    ]);
  return { ...opts, products: [...(opts.products ?? []), ...products], dependsOn: [...new Set([...(opts.dependsOn ?? []), ...providers])] };
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
    .option('--product <cpe>', 'to everyone whose register runs it: a CPE 2.3 match string (centre network-wide, a sector unit in its sector)')
    .option('--version-start-including <version>', 'with --product: lower bound, included')
    .option('--version-start-excluding <version>', 'with --product: lower bound, excluded')
    .option('--version-end-including <version>', 'with --product: upper bound, included')
    .option('--version-end-excluding <version>', 'with --product: upper bound, excluded ("before version …")')
    .option('--depends-on <list>', 'to everyone whose register depends on these providers: slugs or external:<supplier> (comma-separated)', commaList)
    .option('--incident <case>', 'to the exposed: the products and providers the case names as affected (by id or an unambiguous prefix)')
    .option('--idempotency-key <key>', 'makes a retry of the same command safe (sent as Idempotency-Key)')
    .option('--json', "print the hub's answer");
}
