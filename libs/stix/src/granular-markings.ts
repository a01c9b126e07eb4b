// STIX 2.1 §7.2.3 granular markings: each marking names the content it applies to with
// selectors (`description`, `labels.[1]`, `external_references.[0].source_name`) that MUST
// resolve inside the object, and carries exactly one of `marking_ref` and `lang`.

import { checkLanguageTag } from './language-tags.js';
import { describe, hasOwn, isPlainObject, STIX_CODES as C } from './problems.js';
import type { PropertyChecker } from './property-checker.js';

const LIST_INDEX = /^\[(0|[1-9][0-9]*)\]$/;

/** Why a selector does not resolve within `root`, or undefined when it does. */
export function selectorProblem(root: Record<string, unknown>, selector: string): string | undefined {
  if (selector.length === 0) return 'a selector MUST NOT be empty';
  let current: unknown = root;
  for (const step of selector.split('.')) {
    const index = LIST_INDEX.exec(step);
    if (index) {
      if (!Array.isArray(current)) return `'${step}' selects a list item, but the value there is not a list`;
      if (Number(index[1]) >= current.length) return `'${step}' is past the end of the list`;
      current = current[Number(index[1])];
    } else {
      if (step.length === 0) return 'a selector MUST NOT have empty components';
      if (!isPlainObject(current)) return `'${step}' selects a property, but the value there is not an object`;
      if (!hasOwn(current, step)) return `property '${step}' does not exist`;
      current = current[step];
    }
  }
  return undefined;
}

export function checkGranularMarkings(v: PropertyChecker): void {
  v.list('granular_markings')?.forEach((marking, i) => {
    if (!isPlainObject(marking)) {
      v.error(C.INVALID_PROPERTY_TYPE, `granular markings must be objects, got ${describe(marking)}`, 'granular_markings', i);
      return;
    }
    const m = v.child(marking, 'granular_markings', i);
    const hasRef = m.has('marking_ref');
    const hasLang = m.has('lang');
    if (hasRef === hasLang) {
      m.error(C.GRANULAR_MARKING, `a granular marking needs exactly one of 'marking_ref' and 'lang'`);
    }
    m.string('lang');
    checkLanguageTag(m, 'lang');
    m.refTargets('marking_ref', ['marking-definition']);
    if (!m.has('selectors')) {
      m.error(C.REQUIRED_PROPERTY, `'selectors' is required`, 'selectors');
      return;
    }
    m.list('selectors')?.forEach((selector, j) => {
      if (typeof selector !== 'string') {
        m.error(C.INVALID_PROPERTY_TYPE, `selectors must be strings, got ${describe(selector)}`, 'selectors', j);
        return;
      }
      const problem = selectorProblem(v.obj, selector);
      if (problem) m.error(C.GRANULAR_SELECTOR, `selector "${selector}" does not resolve: ${problem}`, 'selectors', j);
    });
  });
}
