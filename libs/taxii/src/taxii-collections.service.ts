import { Injectable } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, SECTORS, type NetworkSnapshot } from '@isac/organisations';
import { collectionsFor, findCollection, type CollectionDefinition, type NetworkView } from './collections.js';
import { taxiiErrors } from './taxii-error.js';

export function networkView(network: NetworkSnapshot): NetworkView {
  return {
    centreId: network.centre().id,
    sectors: SECTORS.map((sector) => {
      const orgs = network.inSector(sector);
      return { sector, orgIds: orgs.map((o) => o.id), unitName: orgs.find((o) => o.kind === 'sector-unit')?.name ?? sector };
    }),
    allOrgIds: network.all().map((o) => o.id),
  };
}

/** The collections as one caller sees them, and the §3.6.1 access answers (401 / 403 / 404). */
@Injectable()
export class TaxiiCollectionsService {
  constructor(private readonly directory: NetworkDirectory) {}

  async list(principal: Principal | null): Promise<CollectionDefinition[]> {
    const network = await this.directory.network();
    const caller = principal && {
      orgId: principal.organisation.id,
      kind: principal.organisation.kind,
      sector: principal.organisation.sector,
      mayPublish: principal.roles.includes('analyst'),
    };
    return collectionsFor(networkView(network), caller);
  }

  /**
   * The collection for a read or a write. Without credentials every collection but the public one
   * answers 401 (§3.6.1: authentication is needed to learn more); an unknown one is 404; one the
   * caller may not read (write) is 403 (§5.3, §5.4: "does not have access to this objects resource").
   */
  async require(principal: Principal | null, idOrAlias: string, need: 'see' | 'read' | 'write'): Promise<CollectionDefinition> {
    const collection = findCollection(await this.list(principal), idOrAlias);
    if (collection === undefined) {
      if (principal === null) throw taxiiErrors.unauthenticated('Send an API key (HTTP basic with the key as password, or Bearer) to reach this collection.');
      throw taxiiErrors.notFound(`There is no collection ${idOrAlias} in this API root.`);
    }
    if (need === 'read' && !collection.canRead) throw taxiiErrors.forbidden(`Your organisation may not read the collection ${collection.alias} (can_read is false).`);
    if (need === 'write') {
      if (principal === null) throw taxiiErrors.unauthenticated('Adding objects needs an API key.');
      if (!collection.canWrite) throw taxiiErrors.forbidden(`Your key may not add objects to the collection ${collection.alias} (can_write is false).`);
    }
    return collection;
  }
}
