import { Injectable, Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { parseNetworkDefinition } from './network-definition.js';
import { NetworkDirectory } from './network-directory.service.js';
import { OrganisationRepository } from './organisation.repository.js';

@Injectable()
export class NetworkSeeder {
  private readonly logger = new Logger('NetworkSeeder');

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly directory: NetworkDirectory,
  ) {}

  /** Seeds the network from its YAML definition; idempotent (a second run changes nothing). */
  async seedFromFile(file: string): Promise<{ organisations: number; inserted: number; updated: number }> {
    const definitions = parseNetworkDefinition(await readFile(file, 'utf8'));
    const { inserted, updated } = await this.organisations.upsertNetwork(definitions);
    this.directory.invalidate();
    this.logger.log({ msg: 'network seeded', file, organisations: definitions.length, inserted, updated });
    return { organisations: definitions.length, inserted, updated };
  }
}
