import { Injectable, Logger } from '@nestjs/common';
import { AdvisoriesService, SEVERITIES, type Severity } from '@isac/advisories';
import { NetworkDirectory } from '@isac/organisations';
import { DomainError } from '@isac/problems';

export interface NoticeCase {
  id: string;
  name: string;
  tlp: string;
  severity: string | null;
  affectedSectors: string[];
  reporterSlug: string;
  sector: string | null;
}

function severityOf(value: string | null): Severity {
  return (SEVERITIES as readonly string[]).includes(value ?? '') ? (value as Severity) : 'medium';
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
    private readonly directory: NetworkDirectory,
  ) {}

  /** The sector units of the other sectors the case affects, under the case's own TLP. */
  async impact(c: NoticeCase): Promise<void> {
    const others = [...new Set(c.affectedSectors)].filter((s) => s !== c.sector).sort();
    if (others.length === 0) return;
    const network = await this.directory.network();
    const reporter = network.bySlug(c.reporterSlug);
    if (!reporter) return;
    await this.send(
      { system: true, organisationId: reporter.id },
      {
        title: `Incident affecting ${others.join(', ')}: ${c.name}`,
        body: `${c.reporterSlug} reports an incident with declared impact on your sector (${others.join(', ')}). Case ${c.id}.`,
        severity: severityOf(c.severity),
        tlp: c.tlp,
        audience: { organisations: others },
      },
      `incident-impact:${c.id}:${others.join(',')}`,
    );
  }

  /** The reporter, from the centre, about one clock of the case (the centre sees it as the author). */
  async deadline(c: NoticeCase, clock: string, kind: 'due-soon' | 'overdue', due: string): Promise<void> {
    const network = await this.directory.network();
    const title = kind === 'overdue' ? `Overdue: the ${clock} report of ${c.name}` : `Coming due: the ${clock} report of ${c.name}`;
    await this.send(
      { system: true, organisationId: network.centre().id },
      {
        title,
        body: `${kind === 'overdue' ? 'Was due' : 'Due'} at ${due} (case ${c.id}).`,
        severity: kind === 'overdue' ? 'high' : 'medium',
        tlp: c.tlp,
        audience: { organisations: [c.reporterSlug] },
      },
      `incident-clock:${c.id}:${kind}:${clock}`,
    );
  }

  private async send(author: Parameters<AdvisoriesService['publish']>[0], request: Parameters<AdvisoriesService['publish']>[1], key: string): Promise<void> {
    try {
      await this.advisories.publish(author, request, { idempotencyKey: key });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ADVISORY.IDEMPOTENCY_MISMATCH') return;
      throw error;
    }
    this.logger.log({ msg: 'incident notice sent', key });
  }
}
