import type { Command } from 'commander';
import { HubRequestError } from '../http-client.js';
import { CliError, EXIT } from '../exit-codes.js';
import { reachLines, registerTable, type ReachView, type RegisterEntryView } from '../register-format.js';
import { entriesFromJson, registerFile, type ImportedEntry } from '../register-import.js';
import { commaList, type CliContext } from './context.js';
import { readInput } from './message-input.js';

interface ExposedOptions {
  product?: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
  dependsOn?: string[];
  json?: boolean;
}

// loaded on use: it needs @isac/stix's marking ids, which no other command should load at start
const stixRegister = () => import('../register-stix.js');

async function entriesOf(file: string): Promise<ImportedEntry[]> {
  const read = registerFile(file, (await readInput(file, 'the register file')).toString('utf8'));
  if ('csv' in read) return read.csv;
  if ((read.json as { type?: unknown } | null)?.type === 'bundle') return (await stixRegister()).entriesFromBundle(read.json);
  return entriesFromJson(read.json);
}

/** Entry by entry, as the hub takes one at a time; a refused entry is reported with its row and the rest go on. */
async function importRegister(ctx: CliContext, file: string, opts: { json?: boolean }): Promise<void> {
  const entries = await entriesOf(file);
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
  else ctx.note(`${stored} of ${results.length} entries stored`);
  if (refusals.length) throw new CliError(EXIT.REJECTED, refusals);
}

export function registerInfraCommands(program: Command, ctx: CliContext): void {
  const infra = program.command('infra').description('registers of critical services: products (CPE 2.3) and providers');
  infra
    .command('import <file>')
    .description("add entries to your organisation's register from a CSV (name,kind,criticality,products,dependsOn,tlp; lists ;-separated), a JSON list or a STIX 2.1 bundle of infrastructure/software; - reads stdin (JSON)")
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
    .option('--json', "print the hub's answer")
    .action(async (opts: ExposedOptions) => {
      if (!opts.product && !opts.dependsOn?.length) throw new CliError(EXIT.USAGE, ['error: give --product <cpe> or --depends-on <providers>']);
      const { product, versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding } = opts;
      const answer = await (await ctx.hub()).get<ReachView>('/api/v1/infrastructure/reach', {
        product,
        versionStartIncluding,
        versionStartExcluding,
        versionEndIncluding,
        versionEndExcluding,
        dependsOn: opts.dependsOn?.join(','),
      });
      if (opts.json) return ctx.printJson(answer);
      ctx.print(reachLines(answer, ctx.colour));
    });
}
