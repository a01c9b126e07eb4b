import type { Command } from 'commander';
import type { ReachQuery } from '@isac/infrastructure';
import { affectedProducts, affectedProviders, describeMatch, type ProductMatch } from '../affected-products.js';
import { HubRequestError, type HubClient } from '../http-client.js';
import { CliError, EXIT } from '../exit-codes.js';
import { counted } from '../output.js';
import { reachLines, registerTable, type ReachView, type RegisterEntryView } from '../register-format.js';
import { entriesFromJson, registerFile, type ImportedEntry } from '../register-import.js';
import { commaList, type CliContext } from './context.js';
import { readInput } from './message-input.js';
import { resolveCaseId } from './case-ref.js';

/** `infra exposed` asks the reach route's own question (the lib's ReachQuery), plus the CLI's options. */
interface ExposedOptions extends ReachQuery {
  incident?: string;
  json?: boolean;
}

function reachOf(hub: HubClient, match: ProductMatch | null, dependsOn: string[] | undefined): Promise<ReachView> {
  const { cpe, ...bounds } = match ?? { cpe: undefined };
  return hub.get<ReachView>('/api/v1/infrastructure/reach', { product: cpe, ...bounds, dependsOn: dependsOn?.join(',') });
}

/** `--incident`: one reach question per product the case names (the providers given ride along with each). */
async function incidentReach(ctx: CliContext, opts: ExposedOptions): Promise<void> {
  const hub = await ctx.hub();
  const caseId = await resolveCaseId(hub, opts.incident!);
  const bundle = await hub.get<{ objects?: unknown }>(`/api/v1/incidents/${encodeURIComponent(caseId)}/bundle`);
  const products = affectedProducts(bundle);
  // the providers the case names ride along with those given
  const dependsOn = [...new Set([...(opts.dependsOn ?? []), ...affectedProviders(bundle)])];
  opts = { ...opts, dependsOn: dependsOn.length ? dependsOn : undefined };
  if (!products.length && !opts.dependsOn?.length)
    throw new CliError(EXIT.REJECTED, [
      `error: case ${caseId} names no affected product or provider (x_isac_affected_products, x_isac_affected_providers); ask with --product or --depends-on`,
    ]);
  const answers: { product: ProductMatch | null; reach: ReachView }[] = [];
  for (const product of products.length ? products : [null]) answers.push({ product, reach: await reachOf(hub, product, opts.dependsOn) });
  if (opts.json) return ctx.printJson({ incident: caseId, answers });
  const providers = opts.dependsOn?.length ? ` or depending on ${opts.dependsOn.join(',')}` : '';
  for (const [i, { product, reach }] of answers.entries()) {
    ctx.print([...(i ? [''] : []), `${product ? describeMatch(product) : 'providers'}${providers}:`, ...reachLines(reach, ctx.colour)]);
  }
}

type RegisterFile = { entries: ImportedEntry[] } | { bundle: unknown };

async function readRegister(file: string): Promise<RegisterFile> {
  const read = registerFile(file, (await readInput(file, 'the register file')).toString('utf8'));
  if ('csv' in read) return { entries: read.csv };
  if ((read.json as { type?: unknown } | null)?.type === 'bundle') return { bundle: read.json };
  return { entries: entriesFromJson(read.json) };
}

/**
 * A STIX bundle goes to the hub whole (POST /api/v1/infrastructure/stix), which reads it as it reads
 * every register bundle and stores all its entries or none; a refusal names each object at fault.
 */
async function importBundle(ctx: CliContext, bundle: unknown, opts: { json?: boolean }): Promise<void> {
  const hub = await ctx.hub();
  let created: { entries: (RegisterEntryView & { source: string })[] };
  try {
    created = await hub.post('/api/v1/infrastructure/stix', bundle);
  } catch (error) {
    if (!(error instanceof HubRequestError) || error.exitCode !== EXIT.REJECTED) throw error;
    if (opts.json) ctx.printJson({ stored: 0, status: error.status, problem: error.problem });
    throw new CliError(EXIT.REJECTED, [...error.lines, 'nothing was stored']);
  }
  const entries = created.entries.map((e) => ({ source: e.source, name: e.name, id: e.id }));
  if (opts.json) return ctx.printJson({ stored: entries.length, refused: 0, entries });
  for (const e of entries) ctx.print(`${e.source}: ${e.id}  ${e.name}`);
  ctx.note(`${entries.length} of ${entries.length} entries stored`);
}

/** Entry by entry, as the hub takes one at a time; a refused entry is reported with its row and the rest go on. */
async function importRegister(ctx: CliContext, file: string, opts: { json?: boolean }): Promise<void> {
  const read = await readRegister(file);
  if ('bundle' in read) return importBundle(ctx, read.bundle, opts);
  const { entries } = read;
  const hub = await ctx.hub();
  const results: { source: string; name: string; id?: string; status?: number; problem?: unknown }[] = [];
  const refusals: string[] = [];
  for (const { source, body } of entries) {
    try {
      const created = await hub.post<RegisterEntryView>('/api/v1/infrastructure', body);
      results.push({ source, name: body.name, id: created.id });
      if (!opts.json) ctx.print(`${source}: ${created.id}  ${created.name}`);
    } catch (error) {
      // the hub failing or gone stops the import; a refused entry does not
      if (!(error instanceof HubRequestError) || error.exitCode !== EXIT.REJECTED) throw error;
      results.push({ source, name: body.name, status: error.status, problem: error.problem });
      refusals.push(...error.lines.map((line) => `${source}: ${line}`));
    }
  }
  const stored = results.filter((r) => r.id).length;
  if (opts.json) ctx.printJson({ stored, refused: results.length - stored, entries: results });
  else ctx.note(`${stored} of ${counted(results.length, 'entry', 'entries')} stored`);
  if (refusals.length) throw new CliError(EXIT.REJECTED, refusals);
}

export function registerInfraCommands(program: Command, ctx: CliContext): void {
  const infra = program.command('infra').description('registers of critical services: products (CPE 2.3) and providers');
  infra
    .command('import <file>')
    .description(
      "add entries to your organisation's register from a CSV (name,kind,criticality,products,dependsOn,tlp; lists ;-separated), " +
        'a JSON list or a STIX 2.1 bundle of infrastructure/software; - reads stdin (JSON)',
    )
    .option('--json', 'print what was stored and refused')
    .action((file: string, opts: { json?: boolean }) => importRegister(ctx, file, opts));

  infra
    .command('list')
    .description('register entries you may read under the TLP policy')
    .option('--org <slug>', "only this organisation's")
    .option('--sector <sector>', 'only those of this sector')
    .option('--json', "print the hub's answer")
    .action(async (opts: { org?: string; sector?: string; json?: boolean }) => {
      const answer = await (await ctx.hub()).get<{ entries: RegisterEntryView[] }>('/api/v1/infrastructure', { organisation: opts.org, sector: opts.sector });
      if (opts.json) return ctx.printJson(answer);
      ctx.print(registerTable(answer.entries, ctx.colour));
    });

  infra
    .command('exposed')
    .description('which registers you may read run a product (a CPE 2.3 match string with NVD-style bounds) or depend on providers')
    .option('--product <cpe>', 'cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:* (wildcards allowed)')
    .option('--version-start-including <version>', 'lower bound, included')
    .option('--version-start-excluding <version>', 'lower bound, excluded')
    .option('--version-end-including <version>', 'upper bound, included')
    .option('--version-end-excluding <version>', 'upper bound, excluded ("before version …")')
    .option('--depends-on <list>', 'providers: slugs or external:<supplier> (comma-separated)', commaList)
    .option(
      '--incident <id>',
      "the products a case names as affected (its incident's x_isac_affected_products), one answer each; by id or an unambiguous prefix",
    )
    .option('--json', "print the hub's answer")
    .action(async (opts: ExposedOptions) => {
      if (opts.incident && opts.product) throw new CliError(EXIT.USAGE, ['error: give --product or --incident, not both']);
      if (opts.incident) return incidentReach(ctx, opts);
      if (!opts.product && !opts.dependsOn?.length)
        throw new CliError(EXIT.USAGE, ['error: give --product <cpe>, --incident <case> or --depends-on <providers>']);
      const { product, versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding } = opts;
      const match = product ? { cpe: product, versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding } : null;
      const answer = await reachOf(await ctx.hub(), match, opts.dependsOn);
      if (opts.json) return ctx.printJson(answer);
      ctx.print(reachLines(answer, ctx.colour));
    });
}
