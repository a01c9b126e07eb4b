// Labelled fields with an error slot each; problem+json errors land beside the field their JSON pointer names.
import { h } from './dom.js';

let counter = 0;

/** A labelled control: `control` is an input/select/textarea element; returns the wrapper. */
export function field(labelText, control, { hint, id } = {}) {
  const fieldId = id ?? control.id ?? `f${++counter}`;
  control.id = fieldId;
  const error = h('p', { class: 'field-error', id: `${fieldId}-error`, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `${fieldId}-hint`, text: hint }) : null;
  control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': fieldId }, h('label', { for: fieldId, text: labelText }), control, hintEl, error);
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) {
    el.hidden = true;
    el.textContent = '';
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  form.querySelector('.form-errors')?.replaceChildren();
}

// what to do about a problem, by its code, where the validator's own words say only what is wrong
const FIXES = {
  'STIX.PATTERN_SYNTAX':
    "Write it as [object-type:property = 'value'], with the value in single quotes, e.g. [ipv4-addr:value = '203.0.113.7'] or [domain-name:value = 'evil.example'].",
  'STIX.INVALID_TIMESTAMP': 'Use an RFC 3339 UTC time ending in Z, e.g. 2027-01-31T09:30:00Z.',
  'STIX.REQUIRED_PROPERTY': 'Add it and file again.',
};

/** "2 problem(s)" → "2 problems", "1 errors" → "1 error": the hub's wording, counted properly. */
export function pluralise(text) {
  return String(text ?? '')
    .replace(/\b(\d+) (\w+)\(s\)/g, (_, n, word) => `${n} ${word}${n === '1' ? '' : 's'}`)
    .replace(/\b1 (problem|error|source|item|object|warning)s\b/g, '1 $1');
}

/**
 * A validator line as a person reads it beside a field: without the object's index and id (the
 * field already says which object), counted properly, and with what to do when the code says so.
 */
export function problemText(problem, { beside = false } = {}) {
  let text = pluralise(problem.detail ?? problem.message ?? 'invalid');
  if (beside) text = text.replace(/^objects\[\d+\]\s*(\([^)]*\))?:\s*/, '');
  // an id in full says nothing to a person filling in a form
  text = text.replace(/\b([a-z][a-z0-9-]*)--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '$1');
  const fix = FIXES[problem.code];
  if (fix && !text.includes(fix)) text = `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'} ${fix}`;
  return text;
}

/**
 * Shows each problem beside its field: `fieldFor(pointer)` names the field id of a JSON pointer
 * (or undefined); problems without a field are listed at the top of the form. Focuses the first.
 */
export function showErrors(form, error, fieldFor) {
  clearErrors(form);
  const general = [];
  let first = null;
  const problems = error.errors?.length ? error.errors : [{ pointer: '', detail: error.message }];
  for (const problem of problems) {
    const id = fieldFor(problem.pointer ?? '');
    const slot = id && form.querySelector(`#${CSS.escape(id)}-error`);
    if (slot) {
      slot.hidden = false;
      slot.append(h('span', { text: problemText(problem, { beside: true }) }), ' ');
      const control = form.querySelector(`#${CSS.escape(id)}`);
      control?.setAttribute('aria-invalid', 'true');
      first ??= control;
    } else general.push(`${problem.pointer ? problem.pointer + ': ' : ''}${problemText(problem, { beside: Boolean(problem.pointer) })}`);
  }
  const heading = pluralise(error.message);
  // a problem that only repeats the heading is not listed again
  const listed = general.filter((g) => g !== heading && g !== error.message);
  let box = form.querySelector('.form-errors');
  if (!box) {
    box = h('div', { class: 'form-errors', role: 'alert' });
    form.prepend(box);
  }
  box.replaceChildren(...[h('p', { text: heading }), listed.length ? h('ul', {}, listed.map((g) => h('li', { text: g }))) : null].filter(Boolean));
  (first ?? box).focus?.();
  if (!first) box.setAttribute('tabindex', '-1'), box.focus();
}

export const select = (attrs, options) => h('select', attrs, options.map(([value, text]) => h('option', { value, text: text ?? value })));
