import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLogService } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { PageCursors } from '@isac/cursors';
import { InfrastructureService } from '@isac/infrastructure';
import { NetworkDirectory, SECTORS } from '@isac/organisations';
import { counted, DomainError } from '@isac/problems';
import { validateBundle } from '@isac/stix';
import { audienceAllowed, canForward, canRead, requireAdvisoryTlp, TlpError, type Decision, type TlpLabel } from '@isac/tlp';
import type { AdvisoryEntity } from './advisory.entity.js';
import { AdvisoryRepository } from './advisory.repository.js';
import { AdvisoryMatchRepository } from './advisory-match.repository.js';
import type { AdvisoryAudience, Severity } from './advisory.types.js';
import { advisoryView, receiptView } from './advisory-view.js';
import { markingsStricterThan } from './attached-stix.js';
import { isTargeted, resolveAudience, withExposed } from './audience.js';
import { DeliveryRepository } from './delivery.repository.js';
import { PushScheduler } from './push-scheduler.service.js';
import { ADVISORY_ERRORS } from './errors.js';
import { ORG_ERRORS } from '@isac/organisations';

/** A person's key, or another context publishing on an organisation's behalf (incidents, meetings). */
export type AdvisoryAuthor = Principal | { system: true; organisationId: string };

export interface PublishRequest {
  title: string;
  body: string;
  severity: Severity;
  tlp?: string;
  audience: AdvisoryAudience;
  stix?: object[];
}

export interface AlertRequest extends PublishRequest {
  requiresAck?: boolean;
  /** when requiresAck: defaults to ALERT_ACK_DEFAULT_MS after publication */
  ackDeadline?: string;
  /** defaults to ALERT_EXPIRY_DEFAULT_MS after publication (after the ackDeadline when that is later than this) */
  expiresAt?: string;
}

/** Rough edge 12: the console's proposals, the API's defaults — acknowledge within 4 hours, current for 7 days. */
export const ALERT_ACK_DEFAULT_MS = 4 * 3_600_000;
export const ALERT_EXPIRY_DEFAULT_MS = 7 * 86_400_000;

/** An alert's times with the defaults filled in. */
export function alertTimes(alert: Omit<AlertRequest, keyof PublishRequest>, now: Date): { requiresAck: boolean; ackDeadline?: string; expiresAt: string } {
  const requiresAck = alert.requiresAck ?? true;
  const ackDeadline = alert.ackDeadline ?? (requiresAck ? new Date(now.getTime() + ALERT_ACK_DEFAULT_MS).toISOString() : undefined);
  // an alert stays current past its acknowledgement deadline: 7 days after it when that is later than 7 days from now
  const expiry = Math.max(
    now.getTime() + ALERT_EXPIRY_DEFAULT_MS,
    ackDeadline ? Date.parse(ackDeadline) + ALERT_EXPIRY_DEFAULT_MS * (Date.parse(ackDeadline) >= now.getTime() + ALERT_EXPIRY_DEFAULT_MS ? 1 : 0) : 0,
  );
  return { requiresAck, ...(ackDeadline ? { ackDeadline } : {}), expiresAt: alert.expiresAt ?? new Date(expiry).toISOString() };
}

const authorOrgId = (author: AdvisoryAuthor) => ('system' in author ? author.organisationId : author.organisation.id);

export function asReadable(a: AdvisoryEntity) {
  return { tlp: a.tlp, authorOrgId: a.authorOrgId, recipientOrgIds: a.recipientOrgIds, kind: a.kind };
}

/** DESIGN §2 "No oracle": an advisory the caller may not read is answered as one that does not exist, word for word. */
const notFound = (id: string) => new DomainError(ADVISORY_ERRORS.notFound, `No advisory ${id}.`);

function refused(decision: Decision & { allowed: false }, pointer = ''): DomainError {
  return new DomainError(ADVISORY_ERRORS.tlpViolation, decision.reason, [{ pointer, detail: decision.reason, code: decision.code }]);
}

@Injectable()
export class AdvisoriesService {
  constructor(
    private readonly advisories: AdvisoryRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly directory: NetworkDirectory,
    private readonly audit: AuditLogService,
    private readonly pushes: PushScheduler,
    private readonly cursors: PageCursors,
    private readonly infrastructure: InfrastructureService,
    private readonly matches: AdvisoryMatchRepository,
  ) {}

  /**
   * DESIGN §5.1: checks, then the advisory and its outbox row in one transaction; routing happens in
   * the worker. In the caller's unit of work, they are written in its transaction and commit with it.
   */
  async publish(
    author: AdvisoryAuthor,
    request: PublishRequest,
    options: { idempotencyKey?: string; alert?: Omit<AlertRequest, keyof PublishRequest>; deliverToAuthor?: boolean; exerciseId?: string } = {},
  ) {
    const network = await this.directory.network();
    let tlp;
    try {
      tlp = requireAdvisoryTlp(request.tlp);
    } catch (error) {
      if (error instanceof TlpError)
        throw new DomainError(ADVISORY_ERRORS.invalid, error.message, [{ pointer: '/tlp', detail: error.message, code: error.code }]);
      throw error;
    }
    const allowed = audienceAllowed(tlp, request.audience);
    if (!allowed.allowed) throw refused(allowed, '/audience');
    const audience = resolveAudience(request.audience, network, SECTORS);
    if (!audience.ok)
      throw new DomainError(ADVISORY_ERRORS.invalid, `The audience is invalid: ${audience.problems.map((p) => p.detail).join('; ')}`, audience.problems);
    const { recipientOrgIds, exposure, matches } = await this.targetedRecipients(authorOrgId(author), request.audience, audience.recipientOrgIds);
    if (request.stix?.length) this.checkStix(request.stix, tlp);
    // the request as given is what an Idempotency-Key's retry is compared with; the defaults are filled in here
    const given = options.alert;
    const alert = given ? alertTimes(given, new Date()) : undefined;
    if (alert) this.checkAlertTimes(alert);
    const { advisory, created } = await this.advisories.insertWithOutbox(
      {
        kind: alert ? 'alert' : 'advisory',
      authorOrgId: authorOrgId(author),
      title: request.title,
      body: request.body,
      severity: request.severity,
      tlp,
      audience: request.audience,
      recipientOrgIds,
      exposure,
      stix: request.stix?.length ? request.stix : null,
      requiresAck: alert ? (alert.requiresAck ?? true) : false,
      ackDeadline: alert?.ackDeadline ? new Date(alert.ackDeadline) : null,
      expiresAt: alert ? new Date(alert.expiresAt) : null,
      idempotencyKey: options.idempotencyKey ?? null,
      requestHash: options.idempotencyKey ? hashRequest(request, given) : null,
        exerciseId: options.exerciseId ?? null,
      },
      matches,
    );
    if (!created && advisory.requestHash !== hashRequest(request, given)) {
      throw new DomainError(ADVISORY_ERRORS.idempotencyMismatch, `The Idempotency-Key "${options.idempotencyKey}" was already used for another request.`, [
        { pointer: '', detail: `advisory ${advisory.id} was published with this key and another body` },
      ]);
    }
    // the hub's notices to the centre itself (issue 17, linked cases): the router leaves the author out of
    // the audience, so its inbox entry is written here, with the advisory (a webhook push left pending is
    // queued by the reconciler)
    if (created && options.deliverToAuthor) await this.deliveries.insertForAdvisory(advisory.id, [advisory.authorOrgId], null);
    return { created, advisory: advisoryView(advisory, network, { orgId: advisory.authorOrgId }) };
  }

  /** DESIGN §1: only principals of the centre may issue alerts. */
  publishAlert(principal: Principal, request: AlertRequest, idempotencyKey?: string) {
    if (principal.organisation.kind !== 'centre') {
      throw new DomainError(ADVISORY_ERRORS.alertNotCentre, `Only the centre issues alerts; ${principal.organisation.slug} may publish an advisory instead.`);
    }
    const { requiresAck, ackDeadline, expiresAt, ...advisory } = request;
    return this.publish(principal, advisory, { idempotencyKey, alert: { requiresAck, ackDeadline, expiresAt } });
  }

  async get(principal: Principal, id: string) {
    const advisory = await this.advisories.findById(id);
    if (!advisory) throw notFound(id);
    const network = await this.directory.network();
    const decision = canRead(asReadable(advisory), { orgId: principal.organisation.id }, network);
    if (!decision.allowed) throw notFound(id);
    await this.audit.recordReads(principal, [{ item: auditItem(advisory), decision }], 'rest');
    const me = principal.organisation.id;
    // issue 18: a reader the advisory's targeted audience exposed is told what of its own register matched
    if (advisory.authorOrgId !== me) return advisoryView(advisory, network, { orgId: me }, (await this.matches.matchesOf(me, [id])).get(id));
    const view = advisoryView(advisory, network, { orgId: me });
    const receipts = await this.deliveries.receiptsOf(advisory.id);
    // issue 18: recipients a targeted audience found in registers the author may not read are counted, not named
    const unnamed = new Set(advisory.exposure?.unnamedOrgIds ?? []);
    const counted = receipts.filter((d) => unnamed.has(d.orgId));
    return {
      ...view,
      routed: advisory.routedAt !== null,
      receipts: receipts.filter((d) => !unnamed.has(d.orgId)).map((d) => receiptView(d, network, { centre: principal.organisation.kind === 'centre' })),
      ...(advisory.exposure && {
        exposure: {
          matchedOrganisations: advisory.exposure.matchedOrganisations,
          unnamedReceipts: { delivered: counted.length, read: counted.filter((d) => d.readAt).length, acknowledged: counted.filter((d) => d.ackedAt).length },
        },
      }),
    };
  }

  /** What the caller may read, newest first; every row passes the TLP policy before it is returned. */
  async list(principal: Principal, query: { cursor?: string; limit?: number; kind?: string; severity?: string; tlp?: string; author?: string }) {
    const network = await this.directory.network();
    const limit = query.limit ?? 50;
    let after = query.cursor ? this.cursors.open('advisories', query.cursor) : null;
    if (after === undefined)
      throw new DomainError(ADVISORY_ERRORS.invalid, 'The cursor is not the `next` of a previous page.', [{ pointer: '/cursor', detail: 'unknown cursor' }]);
    const authorOrgId = query.author ? (network.bySlug(query.author)?.id ?? '00000000-0000-0000-0000-000000000000') : undefined;
    const reader = { orgId: principal.organisation.id, parentId: principal.organisation.parentId };
    const readable: { advisory: AdvisoryEntity; decision: Decision }[] = [];
    let exhausted = false;
    // the candidate query is a superset; refill until the page is full or the rows run out
    while (readable.length < limit && !exhausted) {
      const rows = await this.advisories.pageOfCandidates(
        reader,
        { ...query, authorOrgId },
        after ? { createdAt: after.at.toISOString(), id: after.id } : null,
        limit + 1,
      );
      exhausted = rows.length <= limit;
      for (const advisory of rows.slice(0, limit)) {
        after = { at: advisory.createdAt, id: advisory.id };
        const decision = canRead(asReadable(advisory), { orgId: reader.orgId }, network);
        if (decision.allowed) readable.push({ advisory, decision });
        if (readable.length === limit) break;
      }
      if (rows.length === 0) exhausted = true;
    }
    await this.audit.recordReads(
      principal,
      readable.map((r) => ({ item: auditItem(r.advisory), decision: r.decision })),
      'rest',
    );
    const last = readable.at(-1)?.advisory;
    const matched = await this.matches.matchesOf(reader.orgId, readable.map((r) => r.advisory.id));
    return {
      advisories: readable.map((r) => advisoryView(r.advisory, network, reader, matched.get(r.advisory.id))),
      next: !exhausted && last ? this.cursors.next('advisories', { at: last.createdAt, id: last.id }) : null,
    };
  }

  /** DESIGN §2: a recipient forwards only within the rule; the whole request is refused if one target is not allowed. */
  async forward(principal: Principal, id: string, targetSlugs: string[]) {
    const advisory = await this.advisories.findById(id);
    if (!advisory) throw notFound(id);
    const network = await this.directory.network();
    const me = principal.organisation.id;
    const readable = canRead(asReadable(advisory), { orgId: me }, network);
    if (!readable.allowed) throw notFound(id);
    const targets: string[] = [];
    const problems: { pointer: string; detail: string; code: string }[] = [];
    targetSlugs.forEach((slug, i) => {
      const target = network.bySlug(slug);
      if (!target) return problems.push({ pointer: `/organisations/${i}`, detail: `no organisation "${slug}" in the network`, code: ORG_ERRORS.notFound });
      const decision = canForward(asReadable(advisory), me, target.id, network);
      if (!decision.allowed) return problems.push({ pointer: `/organisations/${i}`, detail: decision.reason, code: decision.code });
      targets.push(target.id);
    });
    if (problems.length) throw new DomainError(ADVISORY_ERRORS.tlpViolation, problems.map((p) => p.detail).join(' '), problems);
    const created = new Set(
      await this.deliveries.insertForAdvisory(
        advisory.id,
        targets.filter((t) => t !== advisory.authorOrgId),
        me,
      ),
    );
    await this.pushes.schedule(await this.deliveries.pendingPushes(advisory.id), network);
    return { forwarded: targets.map((t) => ({ organisation: { id: t, slug: network.byId(t)!.slug } })), newDeliveries: created.size };
  }

  /**
   * Issue 18: `products` / `dependsOn` resolved against the registers at publication and recorded
   * with the rest of the audience (the TLP policy's named recipients); who then gets an inbox entry
   * is the policy's to decide, as for every recipient.
   */
  private async targetedRecipients(authorId: string, audience: AdvisoryAudience, recipientOrgIds: string[]) {
    if (!isTargeted(audience)) return { recipientOrgIds, exposure: null, matches: [] };
    const result = await this.infrastructure.resolveExposure(authorId, { products: audience.products, dependsOn: audience.dependsOn }, '/audience');
    if (!result.ok) {
      const outOfScope = result.problems.some((p) => p.code === 'INFRASTRUCTURE.OUT_OF_SCOPE');
      throw new DomainError(
        outOfScope ? ADVISORY_ERRORS.outOfScope : ADVISORY_ERRORS.invalid,
        `The audience is invalid: ${result.problems.map((p) => p.detail).join('; ')}`,
        result.problems,
      );
    }
    return withExposed(recipientOrgIds, result.exposed);
  }

  private checkStix(objects: object[], tlp: TlpLabel): void {
    const report = validateBundle({ type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects });
    if (!report.valid) {
      throw new DomainError(
        ADVISORY_ERRORS.invalid,
        `The attached STIX objects are invalid: ${report.errors.map((e) => e.message).join('; ')}`,
        report.errors.map((e) => ({ pointer: e.pointer.replace(/^\/objects/, '/stix'), detail: e.message, code: e.code })),
      );
    }
    // served at the advisory's marking to its whole audience: none may be marked stricter (issue 14)
    const stricter = markingsStricterThan(objects, tlp);
    if (stricter.length > 0) {
      throw new DomainError(
        ADVISORY_ERRORS.stixStricterThanAdvisory,
        `${counted(stricter.length, 'attached STIX object')} ${stricter.length === 1 ? 'is' : 'are'} marked stricter than the advisory's ${tlp}.`,
        stricter,
      );
    }
  }

  private checkAlertTimes(alert: { ackDeadline?: string; expiresAt: string }): void {
    const problems = [];
    const now = Date.now();
    if (alert.ackDeadline === undefined) {
      // an alert that asks for no acknowledgement has no deadline, only its expiry
      if (Date.parse(alert.expiresAt) <= now) problems.push({ pointer: '/expiresAt', detail: 'must be in the future' });
    } else {
      if (Date.parse(alert.ackDeadline) <= now) problems.push({ pointer: '/ackDeadline', detail: 'must be in the future' });
      if (Date.parse(alert.expiresAt) <= Date.parse(alert.ackDeadline)) problems.push({ pointer: '/expiresAt', detail: 'must be after ackDeadline' });
    }
    if (problems.length)
      throw new DomainError(
        ADVISORY_ERRORS.alertInvalid,
        `The alert's times are invalid: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`,
        problems,
      );
  }
}

export function auditItem(a: AdvisoryEntity) {
  return { kind: a.kind, id: a.id, tlp: a.tlp, authorOrgId: a.authorOrgId };
}

function hashRequest(request: PublishRequest, alert?: object): string {
  return createHash('sha256')
    .update(JSON.stringify([request.title, request.body, request.severity, request.tlp, request.audience, request.stix ?? null, alert ?? null]))
    .digest('hex');
}
