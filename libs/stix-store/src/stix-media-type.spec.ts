import { DomainError } from '@isac/problems';
import { requireStixMediaType } from './stix-media-type.js';

describe('requireStixMediaType', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'application/stix+json;version=2.1', 'application/stix+json; version="2.1"', 'application/stix+json'])(
    'accepts %s',
    (type) => expect(() => requireStixMediaType(type)).not.toThrow(),
  );

  it.each([undefined, '', 'text/plain', 'application/xml', 'application/stix+json;version=2.0', 'multipart/form-data'])('refuses %s with 415', (type) => {
    try {
      requireStixMediaType(type);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    }
  });
});
