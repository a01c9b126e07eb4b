// STIX 2.1 §7.3: the `extensions` dictionary. Keys are extension-definition ids (with an
// `extension_type`) or, on SCOs, the names of the predefined extensions of §6 (`…-ext`). Any other
// key is an error, as in the OASIS JSON schemas: Incident Core 1.0 put its properties
// (`availability`, `monetary`, …) straight into `extensions`, where no 2.1 consumer looks for them.

import { parseIdentifier } from './identifiers.js';
import { describe, isPlainObject, STIX_CODES as C } from './problems.js';
import type { PropertyChecker } from './property-checker.js';
import { SCO_EXTENSION_RULES } from './sco-extension.rules.js';
import { EXTENSION_TYPE_ENUM } from './vocabularies.js';

const EXTENSION_DEFINITION_PREFIX = 'extension-definition--';
/** The form of a predefined (§6) or STIX 2.0-style SCO extension name: `tcp-ext`, `x-acme-ext`. */
const EXT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*-ext$/;

/** The extension_type values the object declares through extension-definition keyed entries. */
export function declaredExtensionTypes(obj: Record<string, unknown>): string[] {
  const extensions = Object.prototype.hasOwnProperty.call(obj, 'extensions') ? obj['extensions'] : undefined;
  if (!isPlainObject(extensions)) return [];
  return Object.entries(extensions)
    .filter(([key, entry]) => key.startsWith(EXTENSION_DEFINITION_PREFIX) && isPlainObject(entry))
    .map(([, entry]) => (entry as Record<string, unknown>)['extension_type'])
    .filter((t): t is string => typeof t === 'string');
}

export function checkExtensions(v: PropertyChecker, type: string | undefined): void {
  const extensions = v.dictionary('extensions');
  if (!extensions) return;
  for (const [key, entry] of Object.entries(extensions)) {
    const predefined = Object.prototype.hasOwnProperty.call(SCO_EXTENSION_RULES, key) ? SCO_EXTENSION_RULES[key] : undefined;
    if (!key.startsWith(EXTENSION_DEFINITION_PREFIX) && !predefined && !EXT_NAME.test(key)) {
      v.error(
        C.INVALID_EXTENSION,
        `extension key '${key}' must be an extension-definition id (extension-definition--<UUID>) or an extension name ending in '-ext'`,
        'extensions',
        key,
      );
      continue;
    }
    if (!isPlainObject(entry)) {
      v.error(C.INVALID_EXTENSION, `extension '${key}' must be an object, got ${describe(entry)}`, 'extensions', key);
      continue;
    }
    const e = v.child(entry, 'extensions', key);
    if (key.startsWith(EXTENSION_DEFINITION_PREFIX)) {
      if (parseIdentifier(key)?.type !== 'extension-definition') {
        v.error(C.INVALID_EXTENSION, `extension key '${key}' is not a valid extension-definition id`, 'extensions', key);
      }
      checkExtensionType(e);
      continue;
    }
    if (predefined) {
      if (predefined.scoType !== type) {
        v.error(C.INVALID_EXTENSION, `'${key}' is defined for '${predefined.scoType}' objects only`, 'extensions', key);
      } else {
        e.apply(predefined.rules);
      }
      continue;
    }
    // An `…-ext` name neither defined nor predefined: a STIX 2.0-style custom extension. Kept as given.
    v.warn(C.UNKNOWN_EXTENSION, `extension '${key}' is neither an extension-definition id nor predefined`, 'extensions', key);
  }
}

function checkExtensionType(e: PropertyChecker): void {
  if (!e.has('extension_type')) {
    e.error(C.EXTENSION_TYPE, `'extension_type' is required in an extension-definition keyed extension`, 'extension_type');
    return;
  }
  const value = e.get('extension_type');
  if (typeof value !== 'string' || !(EXTENSION_TYPE_ENUM as readonly string[]).includes(value)) {
    e.error(C.EXTENSION_TYPE, `'extension_type' must be one of ${EXTENSION_TYPE_ENUM.join(', ')}; got ${describe(value)}`, 'extension_type');
  }
}
