/** A concerned sector's state on the room's status board (issue 19); `not-reported` until its unit sets one. */
export const SECTOR_STATES = ['not-affected', 'affected', 'degraded', 'recovering', 'recovered'] as const;
export type SectorState = (typeof SECTOR_STATES)[number];

/** What one line of a room's timeline records; `sitrep-missed` is the hub's mark of a due moment that passed without a sitrep. */
export const ENTRY_KINDS = ['declared', 'sitrep', 'sitrep-missed', 'status', 'task', 'decision', 'stand-down'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
