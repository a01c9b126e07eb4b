/**
 * The answer of every TLP rule. `audited` asks the caller to write the access to the append-only
 * audit log (DESIGN §2); `code` is stable and is what clients and tests match, not `reason`.
 */
export type Decision =
  | { allowed: true; reason: string; audited: boolean }
  | { allowed: false; reason: string; code: string };

export function allow(reason: string, audited = false): Decision {
  return { allowed: true, reason, audited };
}

export function deny(code: string, reason: string): Decision {
  return { allowed: false, reason, code };
}
