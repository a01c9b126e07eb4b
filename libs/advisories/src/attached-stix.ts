// The STIX objects of an advisory are served at the advisory's marking, to its whole audience
// (REST, inbox, webhooks, agendas). An object marked stricter than the advisory — as a whole or in a
// part (granular marking) — would reach readers its own marking excludes: it is refused instead.
import { effectiveTlp, tlpOfMarkingRef } from '@isac/stix';
import { restrictionRank, type TlpLabel } from '@isac/tlp';

export interface StricterMarking {
  pointer: string;
  detail: string;
  code: 'TLP.STRICTER_THAN_ADVISORY';
}

/** Every object (or granular marking) of `objects` whose TLP is stricter than `advisoryTlp`, with its pointer under /stix. Unmarked objects take the advisory's marking. */
export function markingsStricterThan(objects: object[], advisoryTlp: TlpLabel): StricterMarking[] {
  const found: StricterMarking[] = [];
  const stricter = (label: TlpLabel | undefined): label is TlpLabel => label !== undefined && restrictionRank(label) > restrictionRank(advisoryTlp);
  objects.forEach((object, index) => {
    const id = String((object as { id?: unknown }).id ?? '');
    const own = effectiveTlp(object);
    if (stricter(own)) {
      found.push({
        pointer: `/stix/${index}`,
        detail: `${id} is marked ${own}, stricter than the advisory's ${advisoryTlp}: publish it in an advisory marked ${own} or stricter`,
        code: 'TLP.STRICTER_THAN_ADVISORY',
      });
    }
    const granular = (object as { granular_markings?: unknown }).granular_markings;
    if (!Array.isArray(granular)) return;
    granular.forEach((marking, g) => {
      const label = tlpOfMarkingRef((marking as { marking_ref?: unknown } | null)?.marking_ref);
      if (stricter(label)) {
        found.push({
          pointer: `/stix/${index}/granular_markings/${g}`,
          detail: `part of ${id} is marked ${label}, stricter than the advisory's ${advisoryTlp}`,
          code: 'TLP.STRICTER_THAN_ADVISORY',
        });
      }
    });
  });
  return found;
}
