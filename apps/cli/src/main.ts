#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { cliEnvironment } from './cli-config.js';
import { registerAdminCommands } from './commands/admin.command.js';
import { registerAdvisoryCommands } from './commands/advisory.command.js';
import { registerAlertCommands } from './commands/alert.command.js';
import { registerCrisisCommands } from './commands/crisis.command.js';
import { registerExerciseCommands } from './commands/exercise.command.js';
import { createContext } from './commands/context.js';
import { registerInboxCommands } from './commands/inbox.command.js';
import { registerIncidentCommands } from './commands/incident.command.js';
import { registerInfraCommands } from './commands/infra.command.js';
import { registerLoginCommands } from './commands/login.command.js';
import { registerMeetingCommands } from './commands/meeting.command.js';
import { registerStixCommands } from './commands/stix.command.js';
import { CliError, EXIT } from './exit-codes.js';

const program = new Command('isac')
  .description(
    'isac-hub from the command line.\n' +
      'User commands talk to a running hub with an API key (isac login; ISAC_URL and ISAC_KEY override it).\n' +
      'db, keys and orgs administer the database directly (DATABASE_URL). stix validate needs neither.\n' +
      'Exit codes: 0 done, 1 rejected by the hub or the validator, 2 wrong usage, 3 hub unreachable or failing.',
  )
  // the package's own version (dist/apps/cli/src/main.js → package.json four levels up)
  .version(packageVersion(), '-V, --version', "print isac's version")
  .showHelpAfterError()
  // usage errors exit 2 instead of commander's 1, which means "rejected" here
  .exitOverride();

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const ctx = createContext(cliEnvironment());
registerLoginCommands(program, ctx);
registerIncidentCommands(program, ctx);
registerInboxCommands(program, ctx);
registerAlertCommands(program, ctx);
registerAdvisoryCommands(program, ctx);
registerMeetingCommands(program, ctx);
registerInfraCommands(program, ctx);
registerCrisisCommands(program, ctx);
registerExerciseCommands(program, ctx);
registerStixCommands(program);
registerAdminCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version end with 0; commander has already printed what was wrong
    process.exitCode = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else if (error instanceof CliError) {
    for (const line of error.lines) process.stderr.write(line + '\n');
    process.exitCode = error.exitCode;
  } else {
    // the administration commands' domain errors carry a stable code (KEY.NOT_FOUND)
    const code = (error as { name?: string; code?: unknown }).name === 'DomainError' ? ` [${String((error as { code: unknown }).code)}]` : '';
    process.stderr.write(`error${code}: ${(error as Error).message}\n`);
    process.exitCode = EXIT.REJECTED;
  }
}
