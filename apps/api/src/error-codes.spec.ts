// Every context declares its error codes once, in its errors.ts, with their statuses (STYLE 14):
// this walks them all, and the sources, so a code cannot be written inline or left undeclared.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADVISORY_ERRORS } from '@isac/advisories';
import { AUDIT_ERRORS } from '@isac/audit';
import { AUTH_ERRORS } from '@isac/auth';
import { CRISIS_ERRORS } from '@isac/crisis';
import { EXERCISE_ERRORS } from '@isac/exercises';
import { INCIDENT_ERRORS } from '@isac/incidents';
import { INFRASTRUCTURE_ERRORS } from '@isac/infrastructure';
import { MEETING_ERRORS } from '@isac/meetings';
import { ORG_ERRORS } from '@isac/organisations';
import { declaredErrors, REQUEST_ERRORS, statusForCode } from '@isac/problems';
import { METRICS_ERRORS } from './metrics/errors.js';

const ROOT = process.cwd(); // the tests run from the repository's root
// each errors.ts of the repository, with what it exports: a new context's file must be added here
const DECLARED: Record<string, object> = {
  'apps/api/src/metrics/errors.ts': METRICS_ERRORS,
  'libs/advisories/src/errors.ts': ADVISORY_ERRORS,
  'libs/audit/src/errors.ts': AUDIT_ERRORS,
  'libs/auth/src/errors.ts': AUTH_ERRORS,
  'libs/crisis/src/errors.ts': CRISIS_ERRORS,
  'libs/exercises/src/errors.ts': EXERCISE_ERRORS,
  'libs/incidents/src/errors.ts': INCIDENT_ERRORS,
  'libs/infrastructure/src/errors.ts': INFRASTRUCTURE_ERRORS,
  'libs/meetings/src/errors.ts': MEETING_ERRORS,
  'libs/organisations/src/errors.ts': ORG_ERRORS,
  'libs/problems/src/errors.ts': REQUEST_ERRORS,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}
const ALL = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))];

/** `new DomainError(` whose code is written as a string or template literal: the code belongs in errors.ts. */
export function literalCodeSites(text: string): string[] {
  return [...text.matchAll(/new\s+DomainError\s*\(\s*(['"`][^'"`]*['"`])/g)].map((m) => m[1]);
}

/** The rows `| \`CODE\` | status | … |` of README's "Error codes" table. */
export function readmeCodes(readme: string): Record<string, number> {
  const section = readme.split(/^### Error codes$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
  return Object.fromEntries([...section.matchAll(/^\| `([A-Z0-9_.]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('error codes, declared once', () => {
  it('every errors.ts in libs/ and apps/ is walked here', () => {
    expect(ALL.filter((f) => f.endsWith('/errors.ts')).sort()).toEqual(Object.keys(DECLARED).sort());
  });

  it('every constant of every errors.ts is a declared code with its status', () => {
    for (const [file, codes] of Object.entries(DECLARED)) {
      for (const [name, code] of Object.entries(codes)) {
        expect([`${file} ${name}`, typeof statusForCode(code as string)]).toEqual([`${file} ${name}`, 'number']);
      }
    }
    const codes = declaredErrors().map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(90);
  });

  it('decides the codes the old suffix rule sent to 422 by accident', () => {
    expect(statusForCode(MEETING_ERRORS.agendaParticipantsChanged)).toBe(409);
    expect(statusForCode(INCIDENT_ERRORS.stageRequired)).toBe(400);
    expect(statusForCode(INCIDENT_ERRORS.bundleRejected)).toBe(422);
    expect(statusForCode(ADVISORY_ERRORS.webhookAddressRefused)).toBe(422);
    expect(statusForCode(INCIDENT_ERRORS.alreadyClosed)).toBe(409);
    expect(statusForCode(INCIDENT_ERRORS.notClosed)).toBe(409);
    expect(statusForCode(INCIDENT_ERRORS.closeReasonRequired)).toBe(400);
  });

  it('the scanner finds a literal code, on one line or several, and passes a declared constant', () => {
    const planted = [
      "throw new DomainError('AGENDA.PARTICIPANTS_CHANGED', 'The participants changed.');",
      'return new DomainError(\n  "KEY.INVALID",\n  message);',
      'throw new DomainError(`ORG.${kind}`, detail);',
      'throw new DomainError(MEETING_ERRORS.conflict, `The meeting is ${state}.`);',
      'throw new DomainError(edit.code, edit.reason);',
    ].join('\n');
    expect(literalCodeSites(planted)).toEqual(["'AGENDA.PARTICIPANTS_CHANGED'", '"KEY.INVALID"', '`ORG.${kind}`']);
  });

  it('no DomainError in libs/ or apps/ (specs included) is given a literal code', () => {
    // this file holds the planted fixture above, and nothing else of the kind
    const sites = ALL.filter((f) => f !== 'apps/api/src/error-codes.spec.ts').flatMap((file) => literalCodeSites(readFileSync(join(ROOT, file), 'utf8')).map((code) => `${file}: ${code}`));
    expect(sites).toEqual([]);
  });

  it('no declared code is written out as a literal outside its errors.ts (specs, which match codes, and comments aside)', () => {
    const declared = new Set(declaredErrors().map((d) => d.code));
    const code = (file: string) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .join('\n');
    const found = ALL.filter((f) => !f.endsWith('.spec.ts') && !(f in DECLARED) && !f.endsWith('/openapi.ts')).flatMap((file) =>
      [...code(file).matchAll(/['"`]([A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*)['"`]/g)].filter((m) => declared.has(m[1])).map((m) => `${file}: ${m[1]}`),
    );
    expect(found).toEqual([]);
  });

  it('README lists every declared code with its status, and no other', () => {
    const registry = Object.fromEntries(declaredErrors().map((d) => [d.code, d.status]));
    expect(readmeCodes(readFileSync(join(ROOT, 'README.md'), 'utf8'))).toEqual(registry);
    // the reader of the table sees a changed status: a planted difference is found
    const planted = '### Error codes\n\n| code | status |\n|---|---|\n| `AGENDA.PARTICIPANTS_CHANGED` | 422 | x |\n\n## Next\n| `ORG.NOT_FOUND` | 404 | x |\n';
    expect(readmeCodes(planted)).toEqual({ 'AGENDA.PARTICIPANTS_CHANGED': 422 });
    expect(readmeCodes(planted)).not.toEqual({ 'AGENDA.PARTICIPANTS_CHANGED': registry['AGENDA.PARTICIPANTS_CHANGED'] });
  });
});
