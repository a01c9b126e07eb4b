// STYLE rule 13, "boundaries are checked, not hoped for": the rules of test/architecture/*-rules.ts over
// the whole tree (libs/, apps/, test/). Each rule is shown failing on a planted violation in
// boundaries-planted.spec.ts. Parsing only, no database: a few seconds.
import { libraryEntryPointViolations, isPureCore, pureCoreViolations, testInternalsViolations } from './import-rules.js';
import { describe as described, readTree, type SourceFile } from './source-tree.js';
import { foreignTableTouches, pendingDifference, sqlOutsideRepositoryViolations, tableOwners, type PendingTouch } from './table-rules.js';
import { tlpLabelDecisionViolations } from './tlp-label-rules.js';

/**
 * Tables touched by a context that does not own them (rule e), each waiting for the owner to offer
 * a repository method or read model: none left. The list only shrinks: a touch not listed here
 * fails, and so does a listed one that is gone (strike it off).
 */
const PENDING_OWNER_FIXES: PendingTouch[] = [];

let files: SourceFile[];
beforeAll(() => {
  // jest runs from the repository's root (ops/run-tests.mjs)
  files = readTree(process.cwd(), ['libs', 'apps', 'test']);
});

const paths = () => files.map((f) => f.path);

describe('the boundaries of the code base', () => {
  it('reads the whole tree (a rule over no files would pass vacuously)', () => {
    expect(files.length).toBeGreaterThan(500);
    expect(paths()).toEqual(expect.arrayContaining(['libs/tlp/src/policy.ts', 'libs/meetings/src/agendas/draft-agenda.ts', 'apps/api/src/main.ts', 'test/support/global-setup.ts']));
  });

  it('a: a library reaches another only through @isac/<name>', () => {
    expect(libraryEntryPointViolations(files).map(described)).toEqual([]);
  });

  it('b: pure cores import no Nest, TypeORM, BullMQ or ioredis', () => {
    const pure = paths().filter(isPureCore);
    // the cores the style guide names are among those checked
    expect(pure).toEqual(expect.arrayContaining(['libs/tlp/src/policy.ts', 'libs/incidents/src/clocks.ts', 'libs/meetings/src/agendas/draft-agenda.ts', 'libs/advisories/src/audience.ts']));
    expect(pure).not.toContain('libs/meetings/src/meetings.service.ts');
    expect(pureCoreViolations(files).map(described)).toEqual([]);
  });

  it('c: SQL is written in repositories only', () => {
    expect(sqlOutsideRepositoryViolations(files).map(described)).toEqual([]);
  });

  it('d: no TLP decision by label literal outside libs/tlp', () => {
    expect(tlpLabelDecisionViolations(files).map(described)).toEqual([]);
  });

  it('e: a table is touched by its owner only (besides the pending list, which only shrinks)', () => {
    const owners = tableOwners(files);
    expect(owners).toEqual(expect.arrayContaining([{ table: 'stix_objects', entity: 'StixObjectEntity', owner: 'stix-store' }, { table: 'deliveries', entity: 'DeliveryEntity', owner: 'advisories' }]));
    const { unexpected, fixed } = pendingDifference(foreignTableTouches(files, owners), PENDING_OWNER_FIXES);
    expect(unexpected).toEqual([]);
    expect(fixed).toEqual([]);
  });

  it('f: tests use libraries through @isac/<name>, not their internals', () => {
    expect(testInternalsViolations(files).map(described)).toEqual([]);
  });
});
