import { readFile } from 'node:fs/promises';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, SECTORS, type NetworkSnapshot } from '@isac/organisations';
import { collectionsFor, findCollection, type CollectionDefinition, type NetworkView } from './collections.js';
import { parseCollectionMarkings, type CollectionMarking } from './collection-markings.js';
import { taxiiErrors } from './taxii-error.js';

export function networkView(network: NetworkSnapshot, defaultMarkings?: Readonly<Record<string, CollectionMarking>>): NetworkView {
  return {
    ...(defaultMarkings ? { defaultMarkings } : {}),
    centreId: network.centre().id,
    sectors: SECTORS.map((sector) => {
      const orgs = network.inSector(sector);
      // frozen: the lists are the collections' memberships, their sets and query parameters are made once (collections.ts, stix-store)
      return { sector, orgIds: Object.freeze(orgs.map((o) => o.id)), unitName: orgs.find((o) => o.kind === 'sector-unit')?.name ?? sector };
    }),
    allOrgIds: Object.freeze(network.all().map((o) => o.id)),
  };
}

/** The collections as one caller sees them, and the access answers of §5 (401 / 403 / 404). */
@Injectable()
export class TaxiiCollectionsService implements OnModuleInit {
  private defaultMarkings: Readonly<Record<string, CollectionMarking>> = {};

  constructor(
    private readonly directory: NetworkDirectory,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.defaultMarkings = parseCollectionMarkings(await readFile(this.config.NETWORK_FILE, 'utf8'), SECTORS);
  }

  /** views by snapshot: a snapshot does not change, and is replaced when the network is loaded again */
  private readonly views = new WeakMap<NetworkSnapshot, NetworkView>();

  /** The network as the collections are built from it, with the configured default markings (made once per snapshot). */
  view(network: NetworkSnapshot): NetworkView {
    let view = this.views.get(network);
    if (view === undefined) this.views.set(network, (view = networkView(network, this.defaultMarkings)));
    return view;
  }

  async list(principal: Principal | null): Promise<CollectionDefinition[]> {
    const network = await this.directory.network();
    const caller = principal && {
      orgId: principal.organisation.id,
      kind: principal.organisation.kind,
      sector: principal.organisation.sector,
      mayPublish: principal.roles.includes('analyst'),
    };
    return collectionsFor(this.view(network), caller);
  }

  /**
   * The collection for a read, a write or a delete. Without credentials every collection but the
   * public one answers 401 (§1.6.9: authentication is needed to learn more); an unknown one is 404;
   * one the caller may not read (write) is 403 (§5.4, §5.5: "does not have access to this objects
   * resource"). §5.7 fixes a delete's answers by can_read and can_write: 404 when the caller has
   * neither, 403 when it has one only.
   */
  async require(principal: Principal | null, idOrAlias: string, need: 'see' | 'read' | 'write' | 'delete'): Promise<CollectionDefinition> {
    const collection = findCollection(await this.list(principal), idOrAlias);
    if (collection === undefined) {
      if (principal === null) throw taxiiErrors.unauthenticated('Send an API key (HTTP basic with the key as password, or Bearer) to reach this collection.');
      throw taxiiErrors.notFound(`There is no collection ${idOrAlias} in this API root.`);
    }
    if (need === 'read' && !collection.canRead)
      throw taxiiErrors.forbidden(`Your organisation may not read the collection ${collection.alias} (can_read is false).`);
    if (need === 'write' || need === 'delete') {
      if (principal === null) throw taxiiErrors.unauthenticated(need === 'write' ? 'Adding objects needs an API key.' : 'Deleting objects needs an API key.');
      if (need === 'delete' && !collection.canRead && !collection.canWrite)
        throw taxiiErrors.notFound(`The collection ${collection.alias} holds no object your key may delete (can_read and can_write are false).`);
      if (!collection.canWrite)
        throw taxiiErrors.forbidden(
          `Your key may not ${need === 'write' ? 'add objects to' : 'delete objects of'} the collection ${collection.alias} (can_write is false).`,
        );
      if (need === 'delete' && !collection.canRead)
        throw taxiiErrors.forbidden(`Your organisation may not read the collection ${collection.alias} (can_read is false), so it may not delete from it.`);
    }
    return collection;
  }
}
