// Issue 19: the after-action report of an exercise — who acknowledged what and when, the sitreps
// missed, the time from the major incident's inject to each sector's first status, compared across
// sectors. Pure: the service gathers the facts (through the TLP policy), this writes the Markdown.
export interface ReportInject {
  position: number;
  at: number;
  kind: string;
  title: string;
  playedAt: Date | null;
  error: string | null;
}

export interface ReportReceipt {
  organisation: string;
  sector: string;
  deliveredAt: Date;
  ackedAt: Date | null;
}

export interface ReportAlert {
  title: string;
  playedAt: Date;
  receipts: ReportReceipt[];
}

export interface AfterActionFacts {
  title: string;
  tlp: string;
  speed: number;
  state: string;
  startedAt: Date | null;
  now: Date;
  injects: ReportInject[];
  alerts: ReportAlert[];
  majorIncident: {
    title: string;
    declaredAt: Date;
    sectors: string[];
    missedSitreps: Date[];
    /** status changes the participants made (those the scenario scripted are left out) */
    statuses: { sector: string; at: Date; state: string }[];
  } | null;
}

const minutes = (from: Date, to: Date | null) => (to === null ? null : Math.round(((to.getTime() - from.getTime()) / 60_000) * 10) / 10);
const show = (value: number | null) => (value === null ? '—' : `${value} min`);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
const iso = (d: Date | null) => (d === null ? '—' : d.toISOString());

/** Per sector: alerts delivered and acknowledged, the mean time to acknowledge, the time to its first status. */
export function sectorComparison(
  facts: AfterActionFacts,
): { sector: string; delivered: number; acknowledged: number; meanMinutesToAck: number | null; minutesToFirstStatus: number | null }[] {
  const sectors = new Set<string>([...facts.alerts.flatMap((a) => a.receipts.map((r) => r.sector)), ...(facts.majorIncident?.sectors ?? [])]);
  return [...sectors].sort().map((sector) => {
    const receipts = facts.alerts.flatMap((a) => a.receipts.filter((r) => r.sector === sector).map((r) => ({ ...r, playedAt: a.playedAt })));
    const acked = receipts.filter((r) => r.ackedAt !== null);
    const mean = acked.length ? Math.round((acked.reduce((sum, r) => sum + minutes(r.playedAt, r.ackedAt)!, 0) / acked.length) * 10) / 10 : null;
    const room = facts.majorIncident;
    const first = room?.statuses.filter((s) => s.sector === sector).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    return {
      sector,
      delivered: receipts.length,
      acknowledged: acked.length,
      meanMinutesToAck: mean,
      minutesToFirstStatus: room && first ? minutes(room.declaredAt, first.at) : null,
    };
  });
}

export function afterActionReport(facts: AfterActionFacts): string {
  const out: string[] = [];
  out.push(`# EXERCISE — After-action report: ${facts.title}`, '');
  out.push(
    `**${facts.tlp}** · exercise (not a real incident) · state ${facts.state} · clock ×${facts.speed} · ` +
      `started ${iso(facts.startedAt)} · written ${facts.now.toISOString()}`,
    '',
  );
  out.push(
    'Times are wall-clock minutes; with the clock at ×' +
      String(facts.speed) +
      ', one wall-clock minute is ' +
      String(facts.speed) +
      ' minutes of the scenario.',
    '',
  );
  out.push('## Injects', '', '| # | At (min) | Kind | Title | Played |', '|---|---|---|---|---|');
  for (const i of facts.injects)
    out.push(`| ${i.position} | ${i.at} | ${i.kind} | ${cell(i.title)} | ${i.error ? `failed: ${cell(i.error)}` : iso(i.playedAt)} |`);
  out.push('', '## Acknowledgements', '');
  if (facts.alerts.length === 0) out.push('No alert asked for acknowledgement.');
  for (const alert of facts.alerts) {
    out.push(
      `### ${cell(alert.title)} (played ${alert.playedAt.toISOString()})`,
      '',
      '| Organisation | Sector | Acknowledged | Time to acknowledge |',
      '|---|---|---|---|',
    );
    for (const r of alert.receipts) out.push(`| ${r.organisation} | ${r.sector} | ${iso(r.ackedAt)} | ${show(minutes(alert.playedAt, r.ackedAt))} |`);
    out.push('');
  }
  const room = facts.majorIncident;
  out.push('## Major incident', '');
  if (!room) out.push('The scenario declared no major incident.');
  else {
    out.push(`${cell(room.title)} — declared ${room.declaredAt.toISOString()}, sectors ${room.sectors.join(', ')}.`, '');
    out.push(
      room.missedSitreps.length
        ? `Missed sitreps: ${room.missedSitreps.length} (due ${room.missedSitreps.map((d) => d.toISOString()).join(', ')}).`
        : 'Missed sitreps: none.',
      '',
    );
  }
  out.push(
    '## Sectors compared',
    '',
    '| Sector | Alerts delivered | Acknowledged | Mean time to acknowledge | Inject to first status |',
    '|---|---|---|---|---|',
  );
  for (const s of sectorComparison(facts))
    out.push(`| ${s.sector} | ${s.delivered} | ${s.acknowledged} | ${show(s.meanMinutesToAck)} | ${show(s.minutesToFirstStatus)} |`);
  out.push('');
  return out.join('\n');
}
