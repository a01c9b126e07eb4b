import { Injectable, Logger, Module } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { NetworkDirectory, OrganisationsModule, parseNetworkDefinition } from '@isac/organisations';
import { parseExampleRegisters } from './example-registers.js';
import { InfrastructureEntryRepository } from './infrastructure-entry.repository.js';
import { entryRecipients } from './register-entry.js';

/**
 * Seeds the example registers of the network file after the network itself (`isac db setup`, so on
 * every `npm start`). Idempotent: an entry is added only when its organisation's register has none of
 * that name, so a restart adds nothing and an analyst's edits stay. Seeded entries are the network's
 * starting state: no change is recorded for them (the agenda lists changes made since).
 */
@Injectable()
export class RegisterSeeder {
  private readonly logger = new Logger('RegisterSeeder');

  constructor(
    private readonly entries: InfrastructureEntryRepository,
    private readonly directory: NetworkDirectory,
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
      for (const entry of listed) {
        entries += 1;
        if (present.has(entry.name)) continue;
        await this.entries.insert({ orgId: org.id, ...entry, recipientOrgIds: [...recipientOrgIds] });
        inserted += 1;
      }
    }
    this.logger.log({ msg: 'example registers seeded', file, entries, inserted });
    return { entries, inserted };
  }
}

/** The seed alone (the admin commands): the registers' table and the network, no HTTP, no audit. */
@Module({ imports: [OrganisationsModule], providers: [InfrastructureEntryRepository, RegisterSeeder], exports: [RegisterSeeder] })
export class RegisterSeedModule {}
