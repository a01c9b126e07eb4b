import { CollectionMarkingsError, parseCollectionMarkings } from './collection-markings.js';

const SECTORS = ['energy', 'health'];
const file = (markings: string) => `centre: { name: C }\ntaxii:\n  defaultMarkings:\n${markings}`;

describe('default markings of TAXII collections (network file)', () => {
  it('none configured: nothing (the built-in defaults apply)', () => {
    expect(parseCollectionMarkings('centre: { name: C }\n', SECTORS)).toEqual({});
  });

  it('reads the markings per collection, any TLP 2.0 or 1.0 spelling', () => {
    expect(parseCollectionMarkings(file('    energy: TLP:GREEN\n    alerts: tlp:amber\n    public: TLP:WHITE\n'), SECTORS)).toEqual({ energy: 'TLP:GREEN', alerts: 'TLP:AMBER', public: 'TLP:CLEAR' });
  });

  it.each([
    ['    energy: TLP:RED\n', /energy: TLP:RED goes to named organisations only/],
    ['    health: TLP:AMBER+STRICT\n', /health: TLP:AMBER\+STRICT goes to named organisations only/],
    ['    public: TLP:GREEN\n', /public must be TLP:CLEAR/],
    ['    shipping: TLP:GREEN\n', /no collection shipping/],
    ['    energy: amber\n', /energy must be a TLP label/],
  ])('refuses %j at boot', (markings, message) => {
    expect(() => parseCollectionMarkings(file(markings), SECTORS)).toThrow(CollectionMarkingsError);
    expect(() => parseCollectionMarkings(file(markings), SECTORS)).toThrow(message);
  });
});
