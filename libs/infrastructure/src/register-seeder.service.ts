import { Injectable, Logger, Module } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { NetworkDirectory, OrganisationsModule, parseNetworkDefinition } from '@isac/organisations';
import { StixStoreModule } from '@isac/stix-store';
import { UnitOfWork } from '@isac/unit-of-work';
import { parseExampleRegisters } from './example-registers.js';
import { InfrastructureEntryRepository } from './infrastructure-entry.repository.js';
import { entryRecipients } from './register-entry.js';
import { RegisterStixStore } from './register-stix-store.service.js';

/**
 * Seeds the example registers of the network file after the network itself (`isac db setup`, so on
 * every `npm start`). Idempotent: an entry is added only when its organisation's register has none of
 * that name, so a restart adds nothing and an analyst's edits stay. Seeded entries are the network's
 * starting state: no change is recorded for them (the agenda lists changes made since). Each
 * organisation's seeded entries are stored with their STIX (what TAXII serves) in one unit of work.
 */
@Injectable()
export class RegisterSeeder {
  private readonly logger = new Logger('RegisterSeeder');

  constructor(
    private readonly entries: InfrastructureEntryRepository,
    private readonly directory: NetworkDirectory,
    private readonly unitOfWork: UnitOfWork,
    private readonly registerStix: RegisterStixStore,
  ) {}

  async seedFromFile(file: string): Promise<{ entries: number; inserted: number }> {
    const text = await readFile(file, 'utf8');
    const registers = parseExampleRegisters(text, new Set(parseNetworkDefinition(text).map((o) => o.slug)));
    const network = await this.directory.network();
    let entries = 0;
    let inserted = 0;
    for (const { slug, entries: listed } of registers) {
      const org = network.bySlug(slug);
      if (!org) throw new Error(`example registers: ${slug} is not seeded; seed the network first`);
      const present = await this.entries.namesOf(org.id);
      const recipientOrgIds = entryRecipients(org.id, network);
      entries += listed.length;
      const missing = listed.filter((entry) => !present.has(entry.name));
      if (missing.length === 0) continue;
      await this.unitOfWork.run(async () => {
        await this.entries.lockRegister(org.id);
        const added = [];
        for (const entry of missing) added.push(await this.entries.insert({ orgId: org.id, ...entry, recipientOrgIds: [...recipientOrgIds] }));
        await this.registerStix.record(
          org.id,
          added.map((after) => ({ before: null, after })),
          new Date(),
        );
      });
      inserted += missing.length;
    }
    this.logger.log({ msg: 'example registers seeded', file, entries, inserted });
    return { entries, inserted };
  }

  /**
   * Stores the STIX of every entry the STIX store does not hold yet — the registers kept before
   * they were stored as STIX — each organisation's in one unit of work; then retires the supplier
   * identities stored shared by entries of several reaches (RegisterStixStore.retireSharedSuppliers).
   * Run by `isac db setup` and `isac db seed` (so on every start) whether or not example registers
   * are seeded: once everything is stored it finds nothing, at the cost of a few lookups per
   * organisation with a register.
   */
  async backfillStix(): Promise<{ entries: number }> {
    let entries = 0;
    for (const [orgId, ids] of await this.registerStix.missingEntries()) {
      entries += await this.unitOfWork.run(() => this.registerStix.addEntries(orgId, ids));
    }
    if (entries) this.logger.log({ msg: "registers' STIX stored for entries kept before", entries });
    const retired = await this.registerStix.retireSharedSuppliers((work) => this.unitOfWork.run(work));
    if (retired) this.logger.log({ msg: 'shared supplier identities replaced by one per marking and readers', suppliers: retired });
    return { entries };
  }
}

/** The seed alone (the admin commands): the registers' table, their STIX in the store, and the network; no HTTP. */
@Module({
  imports: [OrganisationsModule, StixStoreModule],
  providers: [InfrastructureEntryRepository, RegisterStixStore, RegisterSeeder],
  exports: [RegisterSeeder],
})
export class RegisterSeedModule {}
