import { Injectable, Logger } from '@nestjs/common';
import { AdvisoriesService, AdvisoryQueriesService, SEVERITIES, type PublishRequest, type Severity } from '@isac/advisories';
import { NetworkDirectory, type NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { mostRestrictive, parseTlpLabel, type TlpLabel } from '@isac/tlp';
import type { IncidentCaseEntity } from './incident-case.entity.js';
import type { IncidentMessageEntity } from './incident-message.entity.js';
import type { LinkReason } from './link-keys.js';
import { ADVISORY_ERRORS } from '@isac/advisories';

export interface NoticeCase {
  id: string;
  name: string;
  tlp: string;
  severity: string | null;
  affectedSectors: string[];
  reporterSlug: string;
  sector: string | null;
}

/** One notice as it is published: its author, its idempotency key and the advisory itself. */
interface Notice {
  authorOrgId: string;
  key: string;
  request: PublishRequest;
  /** the centre telling itself: its own inbox entry is written with the advisory */
  deliverToAuthor?: boolean;
  /** issue 19: a notice about an exercise's case is the exercise's too (marked, purged with it) */
  exerciseId?: string | null;
}

const MESSAGE_TITLES: Record<string, string> = { question: 'Question', answer: 'Answer', 'assistance-request': 'Request for assistance', note: 'Message' };

const FEEDBACK_TITLES: Record<string, string> = { guidance: 'Guidance', assessment: 'Assessment', 'severity-reassessment': 'Severity reassessment' };

const describeReasons = (reasons: LinkReason[]) =>
  reasons
    .map((r) => (r.basis === 'manual' ? `linked by hand by ${r.value}` : `shared ${r.basis.replace('-', ' ')} \`${r.value.replace(/`/g, "'")}\``))
    .join('; ');

function severityOf(value: string | null): Severity {
  return (SEVERITIES as readonly string[]).includes(value ?? '') ? (value as Severity) : 'medium';
}

/** The impact notice a case calls for — none when it affects no other sector or its reporter is unknown. */
function impactNoticeOf(c: NoticeCase, network: NetworkSnapshot): Notice | null {
  const others = [...new Set(c.affectedSectors)].filter((s) => s !== c.sector).sort();
  if (others.length === 0) return null;
  const reporter = network.bySlug(c.reporterSlug);
  if (!reporter) return null;
  return {
    authorOrgId: reporter.id,
    key: `incident-impact:${c.id}:${others.join(',')}`,
    request: {
      title: `Incident affecting ${others.join(', ')}: ${c.name}`,
      body: `${c.reporterSlug} reports an incident with declared impact on your sector (${others.join(', ')}). Case ${c.id}.`,
      severity: severityOf(c.severity),
      tlp: c.tlp,
      audience: { organisations: others },
    },
  };
}

/**
 * What incident cases tell others, as advisories (DESIGN §4): the affected sectors when a case
 * declares impact on them, and the reporter when a report comes due or is overdue. Each notice has
 * an idempotency key, so sending it again (a retry, a second sweep) never doubles it; an
 * IDEMPOTENCY_MISMATCH means that notice already went out with other wording and is left alone.
 */
@Injectable()
export class IncidentNotices {
  private readonly logger = new Logger('IncidentNotices');

  constructor(
    private readonly advisories: AdvisoriesService,
    private readonly published: AdvisoryQueriesService,
    private readonly directory: NetworkDirectory,
  ) {}

  /** The sector units of the other sectors the case affects, under the case's own TLP. */
  async impact(c: NoticeCase): Promise<void> {
    const notice = impactNoticeOf(c, await this.directory.network());
    if (notice) await this.send(notice);
  }

  /**
   * The sweep's safety net for `impact`: filing sends the notice after its commit, so a crash or an
   * outage in between loses it. Publishes the impact notices of these cases that never went out
   * (their idempotency key is not among the reporter's advisories); returns how many went out. A
   * notice that fails is logged and left for the next sweep: it must not hold back the others.
   */
  async resendMissingImpact(cases: NoticeCase[]): Promise<number> {
    const network = await this.directory.network();
    const notices = cases.map((c) => impactNoticeOf(c, network)).filter((n): n is Notice => n !== null);
    const sent = await this.published.publishedKeys(notices.map((n) => ({ authorOrgId: n.authorOrgId, idempotencyKey: n.key })));
    const missing = notices.filter((n) => !sent.has(`${n.authorOrgId}:${n.key}`));
    let resent = 0;
    for (const notice of missing) {
      try {
        await this.send(notice);
      } catch (error) {
        this.logger.warn({ msg: 'incident impact notice not sent by the sweep; tried again on the next', key: notice.key, err: String(error) });
        continue;
      }
      resent++;
      this.logger.warn({ msg: 'incident impact notice had not gone out; sent by the sweep', key: notice.key });
    }
    return resent;
  }

  /**
   * The reporter, from the centre, about one clock of the case (the centre sees it as the author).
   * One notice per deadline: the key names the due time, so a deadline that moves (a late
   * notification, an updated intermediate report, Art. 23(4)(e)) is announced again at its new time.
   * In a unit of work, the notice is written in its transaction and commits with its mark.
   */
  async deadline(c: NoticeCase, clock: string, kind: 'due-soon' | 'overdue', due: string): Promise<void> {
    const network = await this.directory.network();
    const title = kind === 'overdue' ? `Overdue: the ${clock} report of ${c.name}` : `Coming due: the ${clock} report of ${c.name}`;
    const notice: Notice = {
      authorOrgId: network.centre().id,
      key: `incident-clock:${c.id}:${kind}:${clock}:${due}`,
      request: {
        title,
        body: `${kind === 'overdue' ? 'Was due' : 'Due'} at ${due} (case ${c.id}).`,
        severity: kind === 'overdue' ? 'high' : 'medium',
        tlp: c.tlp,
        audience: { organisations: [c.reporterSlug] },
      },
    };
    await this.send(notice);
  }

  /**
   * A message of a case's conversation, to the case's parties but its author, under the message's
   * TLP, in the caller's unit of work: it reaches their inboxes (and the event stream) as any advisory.
   */
  async message(c: IncidentCaseEntity, message: IncidentMessageEntity): Promise<void> {
    const network = await this.directory.network();
    const to = message.recipientOrgIds
      .filter((id) => id !== message.authorOrgId)
      .map((id) => network.byId(id)?.slug)
      .filter((slug): slug is string => slug !== undefined);
    if (to.length === 0) return;
    const from = network.byId(message.authorOrgId)?.slug ?? message.authorOrgId;
    await this.send({
      authorOrgId: message.authorOrgId,
      key: `incident-message:${message.id}`,
      exerciseId: c.exerciseId,
      request: {
        title: `${MESSAGE_TITLES[message.kind] ?? 'Message'} from ${from} on case: ${c.name}`.slice(0, 300),
        body: `${message.body}\n\n(case ${c.id})`,
        severity: severityOf(c.severity),
        tlp: message.tlp,
        audience: { organisations: to },
      },
    });
  }

  /**
   * The centre's feedback on a case, to its reporter, from the centre under the case's TLP, in the
   * caller's unit of work (the feedback's): it reaches the reporter's inbox (and the event stream).
   */
  async feedback(c: IncidentCaseEntity, feedback: { id: string; kind: string; body: string }): Promise<void> {
    const network = await this.directory.network();
    const centre = network.centre();
    const reporter = network.byId(c.reporterOrgId);
    if (!reporter || reporter.id === centre.id) return;
    await this.send({
      authorOrgId: centre.id,
      key: `incident-feedback:${feedback.id}`,
      exerciseId: c.exerciseId,
      request: {
        title: `${FEEDBACK_TITLES[feedback.kind] ?? 'Feedback'} from the centre on case: ${c.name}`.slice(0, 300),
        body: `${feedback.body}\n\n(case ${c.id})`,
        severity: severityOf(c.severity),
        tlp: parseTlpLabel(c.tlp) ?? 'TLP:AMBER+STRICT',
        audience: { organisations: [reporter.slug] },
      },
    });
  }

  /**
   * Two cases linked: each reporter hears of the other case only when it may read it (DESIGN §2 no
   * oracle: otherwise not even that it exists) and it is another organisation's, the centre of every link. From the centre, under the
   * stricter of the two cases' TLPs.
   */
  async linked(x: IncidentCaseEntity, y: IncidentCaseEntity, reasons: LinkReason[], mayRead: (c: IncidentCaseEntity, orgId: string) => boolean): Promise<void> {
    const network = await this.directory.network();
    const centre = network.centre();
    const tlp = mostRestrictive([x.tlp, y.tlp].map((t) => parseTlpLabel(t)).filter((t): t is TlpLabel => t !== undefined)) ?? 'TLP:AMBER+STRICT';
    const why = describeReasons(reasons);
    const notices: Notice[] = [];
    for (const [own, other] of [
      [x, y],
      [y, x],
    ] as const) {
      const reporter = network.byId(own.reporterOrgId);
      // a reporter knows its own cases: told only of another organisation's case, and only one it may read
      if (!reporter || reporter.id === centre.id || other.reporterOrgId === reporter.id || !mayRead(other, reporter.id)) continue;
      notices.push({
        authorOrgId: centre.id,
        key: `incident-link:${own.id}:${other.id}`,
        exerciseId: x.exerciseId ?? y.exerciseId,
        request: {
          title: `Your case may be linked to another: ${own.name}`.slice(0, 300),
          body: `Your case ${own.id} (${own.name}) is linked to case ${other.id} (${other.name}, reported by ${network.byId(other.reporterOrgId)?.slug ?? 'another organisation'}): ${why}.`,
          severity: severityOf(own.severity),
          tlp,
          audience: { organisations: [reporter.slug] },
        },
      });
    }
    const [a, b] = x.id < y.id ? [x, y] : [y, x];
    notices.push({
      authorOrgId: centre.id,
      key: `incident-link:${a.id}:${b.id}:centre`,
      exerciseId: a.exerciseId ?? b.exerciseId,
      deliverToAuthor: true,
      request: {
        title: `Linked cases: ${a.name} / ${b.name}`.slice(0, 300),
        body: `Case ${a.id} (${a.name}, ${network.byId(a.reporterOrgId)?.slug ?? a.reporterOrgId}) and case ${b.id} (${b.name}, ${network.byId(b.reporterOrgId)?.slug ?? b.reporterOrgId}) are linked: ${why}.`,
        severity: severityOf(a.severity === 'critical' || b.severity === 'critical' ? 'critical' : (a.severity ?? b.severity)),
        tlp,
        audience: { organisations: [centre.slug] },
      },
    });
    for (const notice of notices) await this.send(notice);
  }

  private async send(notice: Notice): Promise<void> {
    try {
      await this.advisories.publish({ system: true, organisationId: notice.authorOrgId }, notice.request, {
        idempotencyKey: notice.key,
        ...(notice.deliverToAuthor ? { deliverToAuthor: true } : {}),
        ...(notice.exerciseId ? { exerciseId: notice.exerciseId } : {}),
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ADVISORY_ERRORS.idempotencyMismatch) return;
      throw error;
    }
    this.logger.log({ msg: 'incident notice sent', key: notice.key });
  }
}
