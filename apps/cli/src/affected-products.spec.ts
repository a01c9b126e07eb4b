import { affectedProducts, affectedProviders, describeMatch } from './affected-products.js';

describe('affected products of a case', () => {
  it('reads names and match strings from the incident objects, once each', () => {
    const bundle = {
      objects: [
        { type: 'identity', x_isac_affected_products: ['cpe:2.3:a:not:counted:1:*:*:*:*:*:*:*'] },
        {
          type: 'incident',
          x_isac_affected_products: [
            'cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*',
            { cpe: 'cpe:2.3:a:fortinet:fortios:*:*:*:*:*:*:*:*', versionEndExcluding: '7.2.5', note: 'ignored' },
            'cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*',
            42,
          ],
        },
      ],
    };
    expect(affectedProducts(bundle)).toEqual([
      { cpe: 'cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*' },
      { cpe: 'cpe:2.3:a:fortinet:fortios:*:*:*:*:*:*:*:*', versionEndExcluding: '7.2.5' },
    ]);
    expect(affectedProducts({})).toEqual([]);
  });

  it('reads the providers the incident objects name as affected, once each', () => {
    const bundle = {
      objects: [
        { type: 'note', x_isac_affected_providers: ['not-counted'] },
        { type: 'incident', x_isac_affected_providers: ['fabrikam', ' external:Example Cloud ', 'fabrikam', 7, ''] },
      ],
    };
    expect(affectedProviders(bundle)).toEqual(['fabrikam', 'external:Example Cloud']);
    expect(affectedProviders({})).toEqual([]);
  });

  it('describes a match string with its bounds', () => {
    expect(describeMatch({ cpe: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*', versionStartIncluding: '1.0', versionEndExcluding: '2.0' })).toBe(
      'cpe:2.3:a:x:y:*:*:*:*:*:*:*:* from 1.0 before 2.0',
    );
  });
});
