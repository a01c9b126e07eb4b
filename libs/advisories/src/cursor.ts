// Opaque keyset cursors: base64url of the last row's (timestamp, id).

export interface KeysetPosition {
  at: string;
  id: string;
}

export function encodeCursor(position: { at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

/** undefined when the cursor is not one of ours. */
export function decodeCursor(cursor: string): KeysetPosition | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && !Number.isNaN(Date.parse(value[0])) && /^[0-9a-f-]{36}$/.test(value[1])) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // not JSON: falls through to undefined
  }
  return undefined;
}
