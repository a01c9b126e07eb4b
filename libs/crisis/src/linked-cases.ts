// Which cases a room may take (issue 19: linked cases). Pure: the service reads the stored cases first.
import type { FieldProblem } from '@isac/problems';
import { canRead, parseTlpLabel, type Network } from '@isac/tlp';
import { caseItem } from './room-items.js';

export interface CandidateCase {
  id: string;
  incidentId: string;
  tlp: string;
  reporterOrgId: string;
  recipientOrgIds: readonly string[];
  exerciseId: string | null;
}

/**
 * The problems of attaching these cases to a room of `roomExerciseId` (null: a real one), as `reader`
 * may know them: a case it may not read is answered as a missing one (DESIGN §2 "No oracle"); a
 * real room takes real cases only and an exercise's room its own exercise's only (an exercise stays
 * apart from real work).
 */
export function caseProblems(
  caseIds: readonly string[],
  stored: readonly CandidateCase[],
  reader: { orgId: string },
  network: Network,
  roomExerciseId: string | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  caseIds.forEach((id, i) => {
    const pointer = `/caseIds/${i}`;
    const found = stored.find((c) => c.id === id);
    if (!found || !canRead(caseItem({ ...found, tlp: parseTlpLabel(found.tlp) }), reader, network).allowed) {
      problems.push({ pointer, detail: `no incident case ${id}` });
    } else if (found.exerciseId !== roomExerciseId) {
      problems.push({
        pointer,
        detail:
          roomExerciseId === null
            ? `case ${id} is an exercise's: a real major incident takes real cases only`
            : `case ${id} is not this exercise's: an exercise's major incident takes its own exercise's cases only`,
      });
    }
  });
  return problems;
}
