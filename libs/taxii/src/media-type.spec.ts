import { acceptsTaxii, requireTaxiiAccept, requireTaxiiContentType } from './media-type.js';
import { TaxiiError } from './taxii-error.js';

describe('TAXII content negotiation (§1.6.8, §3.1)', () => {
  it.each([
    ['application/taxii+json;version=2.1', true],
    ['application/taxii+json', true],
    ['application/taxii+json; version="2.1"', true],
    ['application/json, application/taxii+json;version=2.1;q=0.9', true],
    ['*/*', true],
    [undefined, true],
    ['application/json', false],
    ['application/taxii+json;version=2.0', false],
    ['application/stix+json;version=2.1', false],
    ['application/taxii+json;q=0', false],
    ['application/taxii+json;version=2.1;q=0.000', false],
    ['application/taxii+json;version=2.1;q=0.001', true],
    ['*/*;q=0.00', false],
    ['Application/TAXII+JSON; Version=2.1', true],
  ])('Accept %s -> %s', (accept, ok) => {
    expect(acceptsTaxii(accept)).toBe(ok);
  });

  it('refuses with 406', () => {
    expect(() => requireTaxiiAccept('text/html')).toThrow(TaxiiError);
    try {
      requireTaxiiAccept('text/html');
    } catch (e) {
      expect((e as TaxiiError).status).toBe(406);
    }
  });

  it('accepts only taxii+json 2.1 bodies (415 otherwise)', () => {
    expect(() => requireTaxiiContentType('application/taxii+json;version=2.1')).not.toThrow();
    expect(() => requireTaxiiContentType('application/taxii+json')).not.toThrow();
    for (const bad of ['application/json', 'application/stix+json;version=2.1', 'application/taxii+json;version=2.0', undefined]) {
      try {
        requireTaxiiContentType(bad);
        throw new Error('accepted ' + bad);
      } catch (e) {
        expect((e as TaxiiError).status).toBe(415);
      }
    }
  });
});
