import { DomainError } from '@isac/problems';
import { REQUEST_ERRORS } from '@isac/problems';

// STIX 2.1 §1.6.1 / TAXII 2.1 §1.6.8: STIX content is `application/stix+json;version=2.1`; plain
// `application/json` is accepted too, as most tools send it.
const STIX_JSON = /^application\/stix\+json\s*(;.*)?$/i;
const PLAIN_JSON = /^application\/json\s*(;.*)?$/i;

/** Refuses (415) a body that is not JSON-typed STIX 2.1, before anything is read from it. */
export function requireStixMediaType(contentType: string | undefined): void {
  const value = (contentType ?? '').trim();
  if (PLAIN_JSON.test(value)) return;
  if (STIX_JSON.test(value)) {
    const version = /;\s*version\s*=\s*"?([^";\s]+)"?/i.exec(value)?.[1];
    if (version === undefined || version === '2.1') return;
    throw new DomainError(REQUEST_ERRORS.unsupportedMediaType, `STIX version ${version} is not supported; send application/stix+json;version=2.1.`, [
      { pointer: '', detail: `Content-Type: ${value}` },
    ]);
  }
  throw new DomainError(
    REQUEST_ERRORS.unsupportedMediaType,
    `A STIX bundle must be sent as application/stix+json;version=2.1 or application/json, not ${value === '' ? 'without a Content-Type' : value}.`,
    [{ pointer: '', detail: `Content-Type: ${value || '(none)'}` }],
  );
}
