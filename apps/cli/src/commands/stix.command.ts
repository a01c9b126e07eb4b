import type { Command } from 'commander';
import { validateStixFile } from '../stix-validate.command.js';

export function registerStixCommands(program: Command): void {
  program
    .command('stix')
    .description('STIX 2.1 tools that need no server')
    .command('validate <file>')
    .description("check a STIX 2.1 bundle with the hub's own validator, offline")
    .option('--json', 'print the whole validation report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const outcome = await validateStixFile(file, opts);
      for (const line of outcome.lines) console.log(line);
      process.exitCode = outcome.exitCode;
    });
}
