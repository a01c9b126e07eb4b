import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { removeCredentials, saveCredentials, normaliseHubUrl, credentialsFile } from '../credentials.js';
import { usageError } from '../exit-codes.js';
import { HubClient } from '../http-client.js';
import type { CliContext } from './context.js';

interface Me {
  organisation: { slug: string; name: string; kind: string };
  roles: string[];
  keyPrefix: string;
}

/** The key from a pipe (`… | isac login`), or typed at a prompt that does not echo it. */
async function readKey(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  process.stderr.write('API key: ');
  const rl = createInterface({ input: process.stdin, terminal: true });
  // readline echoes what is typed through _writeToOutput; a key must not appear on screen
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const key = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stderr.write('\n');
  return key.trim();
}

const whoLine = (url: string, me: Me) => `${me.organisation.slug} (${me.organisation.kind}) at ${url}, roles ${me.roles.join(', ')}, key ${me.keyPrefix}`;

export function registerLoginCommands(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description('check an API key against the hub and store it for the other commands (the key is read from stdin unless --key)')
    .option('--url <hub>', 'the hub, e.g. https://hub.example or http://localhost:3000 (default: ISAC_URL)')
    .option('--key <key>', 'the API key (prefer stdin: a key on the command line lands in shell history)')
    .option('--json', "print the hub's answer to GET /api/v1/me")
    .action(async (opts: { url?: string; key?: string; json?: boolean }) => {
      const given = opts.url ?? ctx.env.url;
      if (!given) throw usageError('which hub? give --url or set ISAC_URL');
      const url = normaliseHubUrl(given);
      const key = opts.key?.trim() || (await readKey());
      if (!key) throw usageError('no API key given (pipe it to stdin or pass --key)');
      const me = await new HubClient(url, key).get<Me>('/api/v1/me');
      const file = await saveCredentials(ctx.env.configDir, { url, key });
      if (opts.json) return ctx.printJson(me);
      ctx.print(`logged in as ${whoLine(url, me)}`);
      ctx.note(`credentials stored in ${file} (mode 0600)`);
    });

  program
    .command('logout')
    .description('forget the stored key')
    .option('--json', 'print {loggedOut, file}')
    .action(async (opts: { json?: boolean }) => {
      const removed = await removeCredentials(ctx.env.configDir);
      if (opts.json) return ctx.printJson({ loggedOut: removed, file: credentialsFile(ctx.env.configDir) });
      ctx.print(removed ? `logged out (${credentialsFile(ctx.env.configDir)} removed)` : 'not logged in');
    });

  program
    .command('whoami')
    .description('the organisation and roles of the key in use')
    .option('--json', "print the hub's answer")
    .action(async (opts: { json?: boolean }) => {
      const hub = await ctx.hub();
      const me = await hub.get<Me>('/api/v1/me');
      if (opts.json) return ctx.printJson(me);
      ctx.print(whoLine(hub.url, me));
    });
}
