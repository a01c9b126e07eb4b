import { selectorProblem } from './granular-markings.js';

const object = {
  description: 'text',
  labels: ['a', 'b'],
  external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }],
  extensions: { 'windows-pebinary-ext': { sections: [{ name: '.text' }] } },
};

describe('granular marking selectors (§7.2.3)', () => {
  it.each([
    'description',
    'labels',
    'labels.[1]',
    'external_references.[0].source_name',
    'extensions.windows-pebinary-ext.sections.[0].name',
  ])('%s resolves', (selector) => {
    expect(selectorProblem(object, selector)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['name', /does not exist/],
    ['labels.[2]', /past the end/],
    ['labels.[01]', /not an object/],
    ['description.[0]', /not a list/],
    ['description.x', /not an object/],
    ['labels..x', /empty components/],
    ['constructor', /does not exist/],
    ['__proto__', /does not exist/],
  ])('%j does not resolve', (selector, reason) => {
    expect(selectorProblem(object, selector)).toMatch(reason);
  });
});
