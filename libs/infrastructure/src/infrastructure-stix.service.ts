import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, stixIdentityFor, type NetworkSnapshot } from '@isac/organisations';
import { counted, DomainError, type FieldProblem } from '@isac/problems';
import type { StixProblem } from '@isac/stix';
import { UnitOfWork } from '@isac/unit-of-work';
import { INFRASTRUCTURE_ERRORS } from './errors.js';
import type { InfrastructureEntryEntity } from './infrastructure-entry.entity.js';
import { InfrastructureEntryRepository, type NewEntry } from './infrastructure-entry.repository.js';
import { entryView, InfrastructureService, type RegisterQuery } from './infrastructure.service.js';
import { checkEntry, entryRecipients } from './register-entry.js';
import { RegisterStixStore } from './register-stix-store.service.js';
import { readRegisterBundle, registerBundle, type BundleEntry, type RegisterBundle, type StixRegisterEntry } from './register-stix.js';

const described = (p: StixProblem): FieldProblem => ({
  pointer: p.pointer,
  detail: p.index === undefined ? p.message : `objects[${p.index}]${p.id ? ` (${p.id})` : ''}: ${p.message}`,
  code: p.code,
});

const rejected = (problems: FieldProblem[]) =>
  new DomainError(INFRASTRUCTURE_ERRORS.bundleRejected, `The bundle was rejected with ${counted(problems.length, 'problem')}; nothing was stored.`, problems);

/** checkEntry points into the entry (`/products/1`); a bundle's refusal points at the object the part came from. */
function bundlePointer(pointer: string, from: BundleEntry): string {
  const [, field, index] = pointer.split('/');
  if (field === 'products') return from.pointers.products[Number(index)] ?? `/objects/${from.index}`;
  if (field === 'dependsOn') return from.pointers.dependsOn[Number(index)] ?? `/objects/${from.index}`;
  if (field === 'tlp') return from.pointers.tlp;
  return `/objects/${from.index}`;
}

const stixEntry = (e: InfrastructureEntryEntity, network: NetworkSnapshot): StixRegisterEntry => ({ ...e, orgSlug: network.byId(e.orgId)?.slug ?? e.orgId });

/**
 * Registers exchanged as STIX 2.1 (issue 18): the readable entries as a bundle, and a bundle stored as
 * entries of the caller's own register. Reading goes through InfrastructureService.readable, the one
 * path that asks the TLP policy about each entry and audits the reads.
 */
@Injectable()
export class InfrastructureStixService {
  constructor(
    private readonly infrastructure: InfrastructureService,
    private readonly entries: InfrastructureEntryRepository,
    private readonly directory: NetworkDirectory,
    private readonly unitOfWork: UnitOfWork,
    private readonly registerStix: RegisterStixStore,
  ) {}

  async bundle(principal: Principal, query: RegisterQuery): Promise<RegisterBundle> {
    const { network, readable } = await this.infrastructure.readable(principal, query);
    const identityOf = (slug: string) => {
      const org = network.bySlug(slug);
      return org && stixIdentityFor(org);
    };
    const bundle = registerBundle(
      readable.map(({ entry }) => stixEntry(entry, network)),
      { identityOf },
      `bundle--${randomUUID()}`,
    );
    // nothing readable: a bundle still holds an object (the validator, like STIX's bundle schema, wants
    // one), and the reader's own identity says nothing of anyone's register
    const reader = identityOf(principal.organisation.slug);
    if (bundle.objects.length === 0 && reader) bundle.objects.push(reader);
    return bundle;
  }

  /**
   * Every infrastructure object of the bundle becomes a new entry of the caller's register, all in
   * one transaction, or none: every problem is reported at once with its pointer into the bundle.
   * Objects authored by another organisation of the network are refused (only an organisation writes
   * its register); the entries are addressed as POST /infrastructure addresses them.
   */
  async importBundle(principal: Principal, bundle: unknown) {
    const network = await this.directory.network();
    const orgId = principal.organisation.id;
    const slugByIdentity = new Map(network.all().map((o) => [o.stixIdentityId, o.slug]));
    const read = readRegisterBundle(bundle, {
      ownIdentityId: network.byId(orgId)?.stixIdentityId ?? '',
      slugOfIdentity: (id) => slugByIdentity.get(id),
    });
    if (!read.ok) throw rejected(read.problems.map(described));
    const problems: FieldProblem[] = [];
    const news: NewEntry[] = [];
    for (const from of read.entries) {
      const checked = checkEntry(from.request, network);
      if (checked.ok) news.push({ orgId, ...checked.entry, recipientOrgIds: entryRecipients(orgId, network) });
      else
        problems.push(
          ...checked.problems.map((p) => ({ ...p, pointer: bundlePointer(p.pointer, from), detail: `objects[${from.index}] (${from.id}): ${p.detail}` })),
        );
    }
    if (problems.length) throw rejected(problems);
    const saved = await this.unitOfWork.run(async () => {
      await this.entries.lockRegister(orgId);
      const inserted = await this.entries.insertAllRecorded(news);
      await this.registerStix.record(
        orgId,
        inserted.map((after) => ({ before: null, after })),
        new Date(),
      );
      return inserted;
    });
    return {
      entries: saved.map((entry, i) => ({ source: read.entries[i].id, ...entryView(entry, network) })),
      warnings: read.warnings.map(described),
    };
  }
}
