import { session } from '../api.js';
import { h } from '../dom.js';
import { field } from '../forms.js';

export function render(main, { onSignedIn }) {
  const key = h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true, spellcheck: 'false', placeholder: 'isac_…' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'card narrow', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title', text: 'Sign in' }),
    h('p', { text: 'Paste your organisation\'s API key. It is kept for this browser tab only and forgotten when the tab closes.' }),
    field('API key', key, { id: 'signin-key' }),
    error,
    h('button', { type: 'submit', class: 'primary', text: 'Sign in' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    session.set(key.value.trim());
    if (!(await onSignedIn())) {
      error.textContent = 'This key was not accepted (unknown or revoked).';
      error.hidden = false;
      key.focus();
    }
  });
  main.append(form);
  key.focus();
}
