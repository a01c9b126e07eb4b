import type { Command } from 'commander';

// loaded on use: only this command needs the validator, and every other command would load it at start for nothing
const validator = () => import('../stix-validate.command.js');

export function registerStixCommands(program: Command): void {
  program
    .command('stix')
    .description('STIX 2.1 tools that need no server')
    .command('validate <file>')
    .description("check a STIX 2.1 bundle with the hub's own validator, offline")
    .option('--json', 'print the whole validation report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const outcome = await (await validator()).validateStixFile(file, opts);
      for (const line of outcome.lines) console.log(line);
      process.exitCode = outcome.exitCode;
    });
}
