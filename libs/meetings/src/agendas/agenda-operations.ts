// The coordinator's edit operations (PATCH .../agenda, PATCH .../agenda/correction) mapped onto the
// pure edits of edit-agenda.ts. A proposal accepted by hand becomes the item drafting would have made
// of it, screened for every participant like any added item.
import type { NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import type { Agenda, Meeting } from './agenda.js';
import { proposalSources } from './agenda-candidates.js';
import type { AgendaOperationDto } from '../dto/agenda.dto.js';
import { addItem, moveItem, removeItem, restoreDeferred, setTimeBox, type AgendaEdit } from './edit-agenda.js';
import type { ProposalFact } from './period-facts.js';
import { MEETING_ERRORS } from '../errors.js';

/** DESIGN §6 leaves the time to the proposer; ten minutes when it asked for none (as drafting does). */
const DEFAULT_PROPOSAL_MINUTES = 10;

function apply(
  agenda: Agenda,
  meeting: Meeting,
  network: NetworkSnapshot,
  op: AgendaOperationDto,
  pointer: string,
  proposals: ReadonlyMap<string, ProposalFact>,
): AgendaEdit {
  const missing = (field: string): AgendaEdit => ({ ok: false, code: MEETING_ERRORS.agendaInvalid, reason: `${pointer}/${field} is required for "${op.op}"` });
  if (op.op !== 'add' && op.op !== 'accept' && op.itemId === undefined) return missing('itemId');
  switch (op.op) {
    case 'add': {
      if (!op.item) return missing('item');
      const presenter = network.bySlug(op.item.presenter);
      if (!presenter)
        return { ok: false, code: MEETING_ERRORS.agendaInvalid, reason: `${pointer}/item/presenter: no organisation "${op.item.presenter}" in the network` };
      // an item added by hand carries no sources: it holds only what the coordinator writes for this meeting
      const itemId = `added:${crypto.randomUUID()}`;
      return addItem(
        agenda,
        meeting,
        network,
        { id: itemId, title: op.item.title, presenter: presenter.slug, minutes: op.item.minutes, sources: [], notes: op.item.notes },
        op.position,
      );
    }
    case 'accept': {
      if (op.proposalId === undefined) return missing('proposalId');
      // a proposal the caller's organisation may not read is answered as a missing one (DESIGN §2)
      const proposal = proposals.get(op.proposalId);
      if (!proposal)
        return { ok: false, code: MEETING_ERRORS.proposalNotFound, reason: `${pointer}/proposalId: no proposal ${op.proposalId} for this meeting` };
      const itemId = `proposal:${proposal.id}`;
      if (agenda.deferred.some((i) => i.id === itemId)) return restoreDeferred(agenda, meeting, itemId, op.position);
      const item = {
        id: itemId,
        title: proposal.title,
        kind: 'proposal' as const,
        presenter: proposal.authorSlug,
        minutes: proposal.minutes ?? DEFAULT_PROPOSAL_MINUTES,
        sources: proposalSources(proposal),
      };
      return addItem(agenda, meeting, network, item, op.position);
    }
    case 'remove':
      return removeItem(agenda, meeting, op.itemId!);
    case 'move':
      return op.position === undefined ? missing('position') : moveItem(agenda, meeting, op.itemId!, op.position);
    case 'setTimeBox':
      return op.minutes === undefined ? missing('minutes') : setTimeBox(agenda, meeting, op.itemId!, op.minutes);
    case 'restore':
      return restoreDeferred(agenda, meeting, op.itemId!, op.position);
  }
}

/** Applies the operations in order; one refused operation refuses them all (a DomainError with its pointer). */
export function applyOperations(
  agenda: Agenda,
  meeting: Meeting,
  network: NetworkSnapshot,
  operations: AgendaOperationDto[],
  proposals: ReadonlyMap<string, ProposalFact>,
): Agenda {
  let result = agenda;
  for (const [i, operation] of operations.entries()) {
    const edit = apply(result, meeting, network, operation, `/operations/${i}`, proposals);
    if (!edit.ok) throw new DomainError(edit.code, edit.reason, [{ pointer: `/operations/${i}`, detail: edit.reason, code: edit.code }]);
    result = edit.agenda;
  }
  return result;
}
