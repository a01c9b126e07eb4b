// The hub's reporting stages and clocks by name, and which deadline is the caller's own.
export const STAGE_NAMES = {
  opened: 'Opened',
  'early-warning': 'Early warning',
  notification: 'Incident notification',
  intermediate: 'Intermediate report',
  progress: 'Progress report',
  final: 'Final report',
};
export const CLOCK_NAMES = { ...STAGE_NAMES, 'centre-feedback': 'Centre feedback' };

export const stageName = (stage) => STAGE_NAMES[stage] ?? stage;
export const clockName = (clock) => CLOCK_NAMES[clock] ?? clock;

/**
 * The earliest open deadline the caller's organisation owes on case `c`: the reporter's reports when
 * it filed the case, the centre's feedback when it is the centre; null for a reader who owes none.
 */
export function ownNextDeadline(c, me) {
  const owner = c.reporter === me.organisation.slug ? 'reporter' : me.organisation.kind === 'centre' ? 'centre' : null;
  if (!owner) return null;
  return (c.deadlines ?? []).filter((d) => d.owner === owner && !d.submittedAt).sort((a, b) => a.due.localeCompare(b.due))[0] ?? null;
}
