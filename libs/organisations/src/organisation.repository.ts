import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { OrganisationDefinition } from './network-definition.js';
import { OrganisationEntity } from './organisation.entity.js';
import { stixIdentityIdFor } from './stix-identity.js';

@Injectable()
export class OrganisationRepository {
  private readonly orgs: Repository<OrganisationEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.orgs = dataSource.getRepository(OrganisationEntity);
  }

  listAll(): Promise<OrganisationEntity[]> {
    return this.orgs.find({ order: { kind: 'ASC', sector: 'ASC', slug: 'ASC' } });
  }

  /**
   * The network's revision: bumped by every statement that writes `organisations`, visible when its
   * transaction commits (migration 1764070000000), so an unchanged revision means an unchanged network.
   */
  async revision(): Promise<string> {
    const [row]: { revision: string }[] = await this.dataSource.query(`SELECT revision::text AS revision FROM network_revision`);
    return row.revision;
  }

  findBySlug(slug: string): Promise<OrganisationEntity | null> {
    return this.orgs.findOneBy({ slug });
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.orgs.findOneBy({ id });
  }

  async insertMember(definition: { slug: string; name: string; sector: string; parentId: string }): Promise<OrganisationEntity | null> {
    const rows = await this.orgs
      .createQueryBuilder()
      .insert()
      .values({
        slug: definition.slug,
        name: definition.name,
        kind: 'member',
        sector: definition.sector,
        parentId: definition.parentId,
        stixIdentityId: stixIdentityIdFor(definition.slug),
      })
      .orIgnore()
      .returning('*')
      .execute();
    return rows.raw.length ? this.findBySlug(definition.slug) : null;
  }

  /**
   * Inserts or updates the network's organisations by slug, parents first, in one transaction.
   * Returns how many rows were inserted and updated (a second run with the same file: 0 and 0).
   */
  upsertNetwork(definitions: OrganisationDefinition[]): Promise<{ inserted: number; updated: number }> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      let inserted = 0;
      let updated = 0;
      const idBySlug = new Map<string, string>();
      for (const definition of definitions) {
        const parentId = definition.parent ? idBySlug.get(definition.parent) ?? null : null;
        const result: { id: string; inserted: boolean }[] = await manager.query(
          `INSERT INTO organisations (slug, name, kind, sector, parent_id, stix_identity_id)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (slug) DO UPDATE
             SET name = EXCLUDED.name, kind = EXCLUDED.kind, sector = EXCLUDED.sector,
                 parent_id = EXCLUDED.parent_id, updated_at = now()
             WHERE (organisations.name, organisations.kind, organisations.sector, organisations.parent_id)
               IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.sector, EXCLUDED.parent_id)
           RETURNING id, (xmax = 0) AS inserted`,
          [definition.slug, definition.name, definition.kind, definition.sector, parentId, stixIdentityIdFor(definition.slug)],
        );
        if (result.length === 0) {
          const [existing] = await manager.query(`SELECT id FROM organisations WHERE slug = $1`, [definition.slug]);
          idBySlug.set(definition.slug, existing.id);
          continue;
        }
        idBySlug.set(definition.slug, result[0].id);
        if (result[0].inserted) inserted += 1;
        else updated += 1;
      }
      return { inserted, updated };
    });
  }
}
