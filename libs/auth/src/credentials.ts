/**
 * Reads the API key from an Authorization header: `Bearer <key>` for REST clients, or HTTP basic
 * with the key as password (any user name) for TAXII clients that only speak basic auth.
 */
export type Credentials = { kind: 'none' } | { kind: 'malformed'; reason: string } | { kind: 'key'; key: string; scheme: 'bearer' | 'basic' };

export function readCredentials(header: string | undefined): Credentials {
  if (header === undefined || header.trim() === '') return { kind: 'none' };
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header.trim());
  if (!match) return { kind: 'malformed', reason: 'the Authorization header must be "Bearer <key>" or "Basic <base64>"' };
  const [, scheme, value] = match;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return { kind: 'key', key: value, scheme: 'bearer' };
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { kind: 'malformed', reason: 'basic credentials must be "user:key" in base64' };
      const key = decoded.slice(colon + 1);
      if (key === '') return { kind: 'malformed', reason: 'basic credentials carry no key as password' };
      return { kind: 'key', key, scheme: 'basic' };
    }
    default:
      return { kind: 'malformed', reason: `unsupported authorization scheme "${scheme}"` };
  }
}
