// The checks after the validator's (the store's: references, versions, revocation; a filing's:
// authorship, the incident) still run on a bundle the validator refused, so that every problem is
// reported in one pass (DESIGN §3: "all at once"). They need of each object only a JSON object and,
// to look it up, a well-formed id; this gives them exactly that, index for index.

import { isIdentifier } from './identifiers.js';
import { isPlainObject, own } from './problems.js';

/**
 * The bundle's objects as later checks can take them whatever the validator found: anything not
 * a JSON object becomes an empty one, an object whose `id` is not a well-formed identifier is a
 * copy without it (nothing is looked up or locked by it; its references are still checked). Sound
 * objects are the bundle's own, so a valid bundle gives its `objects` element for element.
 * undefined when the bundle has no list of objects: there is nothing further to check.
 */
export function checkableObjects(bundle: unknown): Record<string, unknown>[] | undefined {
  if (!isPlainObject(bundle)) return undefined;
  const objects = own(bundle, 'objects');
  if (!Array.isArray(objects)) return undefined;
  const out: Record<string, unknown>[] = new Array(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const obj: unknown = objects[i];
    if (!isPlainObject(obj)) out[i] = {};
    else if (own(obj, 'id') === undefined || isIdentifier(own(obj, 'id'))) out[i] = obj;
    else {
      const withoutId = { ...obj };
      delete withoutId['id'];
      out[i] = withoutId;
    }
  }
  return out;
}
