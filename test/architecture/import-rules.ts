// Rules on what a file may import (STYLE rule 13): libraries meet only at their entry point, pure cores
// carry no framework, tests use the libraries' public surface.
import { libOf, moduleReferences, resolveRelative, type SourceFile, type Violation } from './source-tree.js';

/** `@isac/<name>` followed by a path: the entry point bypassed. */
const DEEP_ISAC = /^@isac\/[a-z-]+\/.+/;

/**
 * Rule a: a library reaches another library (or an app) only through `@isac/<name>`, never by a
 * relative path out of its own folder nor by `@isac/<name>/…`, and never imports its own `@isac/<name>`.
 * Apps follow the same rule toward libraries.
 */
export function libraryEntryPointViolations(files: readonly SourceFile[]): Violation[] {
  return files
    .filter((file) => file.path.startsWith('libs/') || file.path.startsWith('apps/'))
    .flatMap((file) => {
      const home = file.path.split('/').slice(0, 2).join('/') + '/';
      const own = libOf(file.path);
      return moduleReferences(file).flatMap(({ specifier, line }): Violation[] => {
        // its own index re-exports the file itself: a cycle
        if (own && specifier === `@isac/${own}`) return [{ path: file.path, line, what: `imports its own entry point ${specifier}: import the file` }];
        if (DEEP_ISAC.test(specifier))
          return [{ path: file.path, line, what: `imports ${specifier}: use the library's entry point ${specifier.split('/').slice(0, 2).join('/')}` }];
        const target = resolveRelative(file.path, specifier);
        if (target === undefined || target.startsWith(home)) return [];
        const lib = libOf(target + '/');
        const through = lib ? `: import @isac/${lib}` : '';
        return [{ path: file.path, line, what: `imports ${specifier}, outside ${home}${through}` }];
      });
    });
}

/**
 * Rule b, the pure cores (STYLE rule 3): no Nest, TypeORM, BullMQ or ioredis, not even as types.
 * A pure core is
 *  - every file of `libs/tlp` and `libs/stix` (specs and fixtures included);
 *  - in a domain context (every library but the shared infrastructure in INFRASTRUCTURE_LIBS), every
 *    file whose name carries no adapter role (ADAPTER_ROLES: `*.module.ts`, `*.service.ts`, … and their
 *    specs) and that is not under `dto/`: `policy.ts`, `clocks.ts`, `draft-agenda.ts`, `audience.ts`…
 * A file that needs the framework says so by its role suffix; there is no list of exceptions.
 */
export const FRAMEWORK_PACKAGES = /^(@nestjs\/[a-z-]+|typeorm|bullmq|ioredis)(\/.*)?$/;
export const ALWAYS_PURE_LIBS = ['tlp', 'stix'];
export const INFRASTRUCTURE_LIBS = [
  'auth',
  'config',
  'console',
  'cursors',
  'messaging',
  'observability',
  'partitions',
  'persistence',
  'pg-notifications',
  'problems',
  'unit-of-work',
];
export const ADAPTER_ROLES = [
  'module',
  'service',
  'repository',
  'controller',
  'processor',
  'entity',
  'dto',
  'subscriber',
  'filter',
  'guard',
  'pipe',
  'middleware',
  'source',
  'transport',
];

const ADAPTER_FILE = new RegExp(`\\.(${ADAPTER_ROLES.join('|')})(\\.spec)?\\.ts$`);

export function isPureCore(filePath: string): boolean {
  const lib = libOf(filePath);
  if (lib === undefined || !filePath.startsWith(`libs/${lib}/src/`)) return false;
  if (ALWAYS_PURE_LIBS.includes(lib)) return true;
  if (INFRASTRUCTURE_LIBS.includes(lib)) return false;
  return !ADAPTER_FILE.test(filePath) && !filePath.includes('/dto/');
}

export function pureCoreViolations(files: readonly SourceFile[]): Violation[] {
  return files
    .filter((file) => isPureCore(file.path))
    .flatMap((file) =>
      moduleReferences(file)
        .filter(({ specifier }) => FRAMEWORK_PACKAGES.test(specifier))
        .map(({ specifier, line }) => ({ path: file.path, line, what: `a pure core imports ${specifier}` })),
    );
}

/**
 * Rule f: tests (everything under test/, benchmarks included) use a library as its users do, through
 * `@isac/<name>`: a test that reaches `libs/<name>/src/<file>` pins an internal the library may move.
 */
export function testInternalsViolations(files: readonly SourceFile[]): Violation[] {
  return files
    .filter((file) => file.path.startsWith('test/'))
    .flatMap((file) =>
      moduleReferences(file).flatMap(({ specifier, line }): Violation[] => {
        if (DEEP_ISAC.test(specifier)) return [{ path: file.path, line, what: `imports ${specifier}: use ${specifier.split('/').slice(0, 2).join('/')}` }];
        const target = resolveRelative(file.path, specifier);
        const lib = target === undefined ? undefined : libOf(target);
        return lib ? [{ path: file.path, line, what: `imports ${specifier}, an internal of libs/${lib}: use @isac/${lib}` }] : [];
      }),
    );
}
