import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { DomainError } from '@isac/problems';
import { canAddMember } from './membership-policy.js';
import type { OrganisationEntity } from './organisation.entity.js';
import { NetworkDirectory } from './network-directory.service.js';
import { OrganisationRepository } from './organisation.repository.js';
import { stixIdentityFor } from './stix-identity.js';
import { ORG_ERRORS } from './errors.js';

export interface OrganisationView {
  id: string;
  slug: string;
  name: string;
  kind: 'centre' | 'sector-unit' | 'member';
  sector: string | null;
  parent: string | null;
  stixIdentityId: string;
}

@Injectable()
export class OrganisationsService {
  private readonly logger = new Logger('Organisations');

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly directory: NetworkDirectory,
  ) {}

  async list(): Promise<OrganisationView[]> {
    const rank = { centre: 0, 'sector-unit': 1, member: 2 };
    const all = (await this.organisations.listAll()).sort(
      (a, b) => rank[a.kind] - rank[b.kind] || (a.sector ?? '').localeCompare(b.sector ?? '') || a.slug.localeCompare(b.slug),
    );
    const slugById = new Map(all.map((o) => [o.id, o.slug]));
    return all.map((o) => this.view(o, o.parentId ? slugById.get(o.parentId) ?? null : null));
  }

  async get(slug: string): Promise<OrganisationView & { stixIdentity: Record<string, unknown> }> {
    const organisation = await this.organisations.findBySlug(slug);
    if (!organisation) throw new DomainError(ORG_ERRORS.notFound, `No organisation "${slug}".`);
    const parent = organisation.parentId ? await this.organisations.findById(organisation.parentId) : null;
    return { ...this.view(organisation, parent?.slug ?? null), stixIdentity: stixIdentityFor(organisation) };
  }

  /** Adds a member organisation under a sector unit (DESIGN §1), within the caller's scope. */
  async addMember(principal: Principal, request: { slug: string; name: string; parent?: string }): Promise<OrganisationView> {
    const parentSlug = request.parent ?? principal.organisation.slug;
    const parent = await this.organisations.findBySlug(parentSlug);
    if (!parent)
      throw new DomainError(ORG_ERRORS.notFound, `No organisation "${parentSlug}" to add a member to.`, [
        { pointer: '/parent', detail: 'unknown organisation' },
      ]);
    const decision = canAddMember(principal, parent);
    if (!decision.allowed)
      throw new DomainError(decision.code, decision.reason, decision.code === ORG_ERRORS.invalid ? [{ pointer: '/parent', detail: decision.reason }] : []);
    const created = await this.organisations.insertMember({ slug: request.slug, name: request.name, sector: parent.sector!, parentId: parent.id });
    if (!created)
      throw new DomainError(ORG_ERRORS.alreadyExists, `An organisation "${request.slug}" already exists.`, [{ pointer: '/slug', detail: 'already taken' }]);
    this.directory.invalidate();
    this.logger.log({ msg: 'member added', slug: created.slug, parent: parent.slug, by: principal.keyPrefix });
    return this.view(created, parent.slug);
  }

  private view(o: OrganisationEntity, parent: string | null): OrganisationView {
    return { id: o.id, slug: o.slug, name: o.name, kind: o.kind, sector: o.sector, parent, stixIdentityId: o.stixIdentityId };
  }
}
