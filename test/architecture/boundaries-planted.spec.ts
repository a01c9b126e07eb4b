// The tests of the architecture tests: each rule run on small files planted in memory, reporting the
// violation planted and letting the allowed form through. Nothing is written into the repository.
import { libraryEntryPointViolations, pureCoreViolations, testInternalsViolations } from './import-rules.js';
import { describe as described, type SourceFile } from './source-tree.js';
import { foreignTableTouches, pendingDifference, sqlOutsideRepositoryViolations, tableOwners } from './table-rules.js';
import { tlpLabelDecisionViolations } from './tlp-label-rules.js';

const file = (path: string, ...lines: string[]): SourceFile => ({ path, text: lines.join('\n') });
const report = (violations: { path: string; line: number; what: string }[]) => violations.map(described);

describe('the architecture rules on planted violations', () => {
  it('a: a relative path into another library, @isac/<name>/… or its own @isac/<name> is reported; another @isac/<name> is not', () => {
    const planted = file(
      'libs/meetings/src/agendas/planted.ts',
      "import { IncidentCaseEntity } from '../../../incidents/src/incident-case.entity.js';",
      "import { canRead } from '@isac/tlp/src/policy.js';",
      "import { AdvisoriesService } from '@isac/advisories';",
      "import { MEETING_ERRORS } from '../errors.js';",
      "const lazy = () => import('../../../../apps/api/src/main.js');",
      "import { MeetingsService } from '@isac/meetings';",
    );
    expect(report(libraryEntryPointViolations([planted]))).toEqual([
      'libs/meetings/src/agendas/planted.ts:1: imports ../../../incidents/src/incident-case.entity.js, outside libs/meetings/: import @isac/incidents',
      'libs/meetings/src/agendas/planted.ts:2: imports @isac/tlp/src/policy.js: use the library\'s entry point @isac/tlp',
      'libs/meetings/src/agendas/planted.ts:5: imports ../../../../apps/api/src/main.js, outside libs/meetings/',
      'libs/meetings/src/agendas/planted.ts:6: imports its own entry point @isac/meetings: import the file',
    ]);
  });

  it('b: Nest, TypeORM, BullMQ or ioredis in a pure core is reported, also as a type; an adapter may use them', () => {
    const core = file('libs/incidents/src/clocks.ts', "import { Injectable } from '@nestjs/common';", "import type { EntityManager } from 'typeorm';", "import { canRead } from '@isac/tlp';");
    const stix = file('libs/stix/src/testing/planted.ts', "import type { Redis } from 'ioredis';");
    const spec = file('libs/meetings/src/agendas/draft-agenda.spec.ts', "import { Test } from '@nestjs/testing';");
    const adapters = [
      file('libs/incidents/src/incident-clocks.processor.ts', "import { Injectable } from '@nestjs/common';"),
      file('libs/incidents/src/dto/planted.ts', "import { ApiProperty } from '@nestjs/swagger';"),
      file('libs/messaging/src/queue-producer.ts', "import { Queue } from 'bullmq';"),
    ];
    expect(report(pureCoreViolations([core, stix, spec, ...adapters]))).toEqual([
      'libs/incidents/src/clocks.ts:1: a pure core imports @nestjs/common',
      'libs/incidents/src/clocks.ts:2: a pure core imports typeorm',
      'libs/stix/src/testing/planted.ts:1: a pure core imports ioredis',
      'libs/meetings/src/agendas/draft-agenda.spec.ts:1: a pure core imports @nestjs/testing',
    ]);
  });

  it('c: SQL in a service or an app is reported; repositories, migrations and specs may hold it', () => {
    const service = file(
      'libs/meetings/src/meetings.service.ts',
      'const sql = `SELECT m.id FROM meetings m WHERE m.id = ${1}`;',
      "await this.dataSource.query('INSERT INTO meetings (id) VALUES ($1)', [id]);",
      "const qb = this.dataSource.createQueryBuilder();",
      "const text = 'UPDATE meetings SET title = $1';",
      '// a comment saying DELETE FROM meetings is not code',
      "const s = 'Select the meetings from the list';",
    );
    const app = file('apps/api/src/planted.ts', "await dataSource.query('SELECT 1');");
    const allowed = [
      file('libs/meetings/src/meeting.repository.ts', "await m.query('DELETE FROM meetings WHERE id = $1', [id]);"),
      file('libs/persistence/src/migrations/1764999999999-planted.ts', "await db.query('DELETE FROM meetings');"),
      file('libs/meetings/src/meetings.service.spec.ts', "await db.query('DELETE FROM meetings');"),
    ];
    expect(report(sqlOutsideRepositoryViolations([service, app, ...allowed]))).toEqual([
      'libs/meetings/src/meetings.service.ts:1: SQL (SELECT … FROM) outside a repository',
      'libs/meetings/src/meetings.service.ts:2: SQL (INSERT INTO) outside a repository',
      'libs/meetings/src/meetings.service.ts:4: SQL (UPDATE … SET) outside a repository',
      'libs/meetings/src/meetings.service.ts:2: .query() outside a repository',
      'libs/meetings/src/meetings.service.ts:3: .createQueryBuilder() outside a repository',
      'apps/api/src/planted.ts:1: .query() outside a repository',
    ]);
  });

  it('d: a label compared, switched on, listed, looked up or quoted in SQL is reported; naming one is not', () => {
    const service = file(
      'libs/advisories/src/planted.service.ts',
      "if (advisory.tlp === 'TLP:RED') return;",
      "switch (tlp) { case 'TLP:AMBER': break; }",
      "const wide = ['TLP:CLEAR', 'TLP:GREEN'];",
      "if (labels.includes('TLP:AMBER+STRICT')) return;",
      "qb.where(`a.tlp IN ('TLP:CLEAR', 'TLP:GREEN') OR a.author_org_id = :me`);",
      "const fallback = { tlp: 'TLP:AMBER' };",
      "const message = 'one of TLP:CLEAR, TLP:GREEN or TLP:AMBER';",
    );
    const allowed = [
      file('libs/tlp/src/policy.ts', "if (tlp === 'TLP:CLEAR') return allow('public');"),
      file('libs/advisories/src/planted.spec.ts', "expect(tlp === 'TLP:RED').toBe(true);"),
    ];
    expect(report(tlpLabelDecisionViolations([service, ...allowed]))).toEqual([
      'libs/advisories/src/planted.service.ts:1: the label TLP:RED compared outside libs/tlp',
      'libs/advisories/src/planted.service.ts:2: the label TLP:AMBER a case of a switch outside libs/tlp',
      'libs/advisories/src/planted.service.ts:3: the label TLP:CLEAR listed outside libs/tlp',
      'libs/advisories/src/planted.service.ts:3: the label TLP:GREEN listed outside libs/tlp',
      'libs/advisories/src/planted.service.ts:4: the label TLP:AMBER+STRICT looked up outside libs/tlp',
      "libs/advisories/src/planted.service.ts:5: the label 'TLP:CLEAR' in SQL outside libs/tlp",
    ]);
  });

  it('e: another context naming a table in SQL or using its entity is reported; types and the owner are not', () => {
    const entity = file('libs/incidents/src/incident-case.entity.ts', "@Entity({ name: 'incident_cases' })", 'export class IncidentCaseEntity {}');
    const owners = tableOwners([entity]);
    expect(owners).toEqual([{ table: 'incident_cases', entity: 'IncidentCaseEntity', owner: 'incidents' }]);
    const touches = foreignTableTouches(
      [
        entity,
        file('libs/meetings/src/planted.repository.ts', "const rows = await m.query('SELECT c.id FROM incident_cases c WHERE c.tlp = $1', [tlp]);"),
        file('libs/crisis/src/planted.repository.ts', "import { IncidentCaseEntity } from '@isac/incidents';", 'const cases = this.dataSource.getRepository(IncidentCaseEntity);'),
        file('libs/events/src/planted.repository.ts', "qb.from('incident_cases', 'c');"),
        file('libs/crisis/src/room-items.ts', "import type { IncidentCaseEntity } from '@isac/incidents';", 'export const view = (c: IncidentCaseEntity) => c.id;'),
        file('libs/incidents/src/incident-case.repository.ts', "await m.query('UPDATE incident_cases SET tlp = $1');", 'this.dataSource.getRepository(IncidentCaseEntity);'),
      ],
      owners,
    );
    expect(touches.map((t) => `${t.path}:${t.line}: ${t.how}`)).toEqual([
      'libs/crisis/src/planted.repository.ts:2: uses IncidentCaseEntity (the entity of incident_cases, owned by libs/incidents)',
      'libs/events/src/planted.repository.ts:1: names incident_cases (owned by libs/incidents) in SQL',
      'libs/meetings/src/planted.repository.ts:1: names incident_cases (owned by libs/incidents) in SQL',
    ]);
    // the pending list: a touch not listed fails, and so does a listed touch that is gone
    const pending = [
      { file: 'libs/meetings/src/planted.repository.ts', table: 'incident_cases' },
      { file: 'libs/taxii/src/fixed.repository.ts', table: 'incident_cases' },
    ];
    expect(pendingDifference(touches, pending)).toEqual({
      unexpected: [
        'libs/crisis/src/planted.repository.ts:2: uses IncidentCaseEntity (the entity of incident_cases, owned by libs/incidents)',
        'libs/events/src/planted.repository.ts:1: names incident_cases (owned by libs/incidents) in SQL',
      ],
      fixed: ['libs/taxii/src/fixed.repository.ts no longer touches incident_cases: remove it from the pending list'],
    });
  });

  it('f: a test importing libs/<name>/src/<file> or @isac/<name>/… is reported; @isac/<name> is not', () => {
    const planted = file(
      'test/integration/planted.spec.ts',
      "import { DeliveryRepository } from '../../libs/advisories/src/delivery.repository.js';",
      "import { IDS } from '@isac/stix/src/testing/stix-fixtures.js';",
      "import { AdvisoriesService } from '@isac/advisories';",
      "import { bearer } from '../factories/bearer.js';",
    );
    expect(report(testInternalsViolations([planted]))).toEqual([
      'test/integration/planted.spec.ts:1: imports ../../libs/advisories/src/delivery.repository.js, an internal of libs/advisories: use @isac/advisories',
      'test/integration/planted.spec.ts:2: imports @isac/stix/src/testing/stix-fixtures.js: use @isac/stix',
    ]);
  });
});
