import { Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { Role } from '@isac/auth';
import { PgNotificationListener } from '@isac/pg-notifications';
import { ApiKeyEntity } from './api-key.entity.js';
import { OrganisationEntity } from './organisation.entity.js';

/** The PostgreSQL channel on which a revocation is announced (payload: the key id), at its commit. */
export const KEY_REVOKED_CHANNEL = 'isac_api_key_revoked';

export interface KeyWithOrganisation {
  key: ApiKeyEntity;
  organisation: OrganisationEntity;
}

@Injectable()
export class ApiKeyRepository {
  private readonly keys: Repository<ApiKeyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  async insert(values: { prefix: string; secretHash: string; organisationId: string; roles: Role[]; label: string | null }): Promise<ApiKeyEntity> {
    return this.keys.save(this.keys.create(values));
  }

  /** Active (not revoked) key by its public prefix, with its organisation. */
  async findActiveByPrefix(prefix: string): Promise<KeyWithOrganisation | null> {
    return this.findOne({ prefix, revokedAt: IsNull() });
  }

  async findActiveById(id: string): Promise<KeyWithOrganisation | null> {
    return this.findOne({ id, revokedAt: IsNull() });
  }

  /** One round trip: every authenticated request passes here. */
  private async findOne(where: Record<string, unknown>): Promise<KeyWithOrganisation | null> {
    const key = await this.keys.findOne({ where, relations: { organisation: true } });
    if (!key?.organisation) return null;
    const { organisation, ...rest } = key;
    return { key: Object.assign(new ApiKeyEntity(), rest), organisation };
  }

  /** Which of these keys are active (not revoked) now: one statement for every stream an event is meant for. */
  async activeIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM api_keys WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`, [
      [...new Set(ids)],
    ]);
    return new Set(rows.map((r) => r.id));
  }

  listWithOrganisation(): Promise<(ApiKeyEntity & { organisationSlug: string })[]> {
    return this.keys
      .createQueryBuilder('k')
      .innerJoin(OrganisationEntity, 'o', 'o.id = k.organisation_id')
      .addSelect('o.slug', 'organisation_slug')
      .orderBy('k.created_at', 'ASC')
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((entity, i) => Object.assign(entity, { organisationSlug: raw[i].organisation_slug as string })),
      );
  }

  /**
   * Marks the key revoked and announces it to every process (NOTIFY, delivered at the commit of this
   * one statement); returns the key id, or null when no active key has this prefix.
   */
  async revoke(prefix: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH revoked AS (UPDATE api_keys SET revoked_at = now() WHERE prefix = $1 AND revoked_at IS NULL RETURNING id)
       SELECT id, pg_notify('${KEY_REVOKED_CHANNEL}', id::text) FROM revoked`,
      [prefix],
    );
    return rows[0]?.id ?? null;
  }

  /** A listener for the revocations announced by `revoke` (payload: the key id), on its own connection to the same database. */
  revocationListener(): PgNotificationListener {
    return new PgNotificationListener({
      connectionString: (this.dataSource.options as { url: string }).url,
      applicationName: 'isac-hub:key-revocations',
      channels: [KEY_REVOKED_CHANNEL],
      reconnectMs: 1000,
      logger: new Logger('KeyRevocations'),
    });
  }

  /** Records use at most once a minute per key, so authentication does not write on every request. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
