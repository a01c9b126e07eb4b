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
      slot.append(h('span', { text: problem.detail ?? problem.message ?? 'invalid' }), ' ');
      const control = form.querySelector(`#${CSS.escape(id)}`);
      control?.setAttribute('aria-invalid', 'true');
      first ??= control;
    } else general.push(`${problem.pointer ? problem.pointer + ': ' : ''}${problem.detail ?? problem.message ?? ''}`);
  }
  let box = form.querySelector('.form-errors');
  if (!box) {
    box = h('div', { class: 'form-errors', role: 'alert' });
    form.prepend(box);
  }
  box.replaceChildren(...[h('p', { text: error.message }), general.length ? h('ul', {}, general.map((g) => h('li', { text: g }))) : null].filter(Boolean));
  (first ?? box).focus?.();
  if (!first) box.setAttribute('tabindex', '-1'), box.focus();
}

export const select = (attrs, options) => h('select', attrs, options.map(([value, text]) => h('option', { value, text: text ?? value })));
