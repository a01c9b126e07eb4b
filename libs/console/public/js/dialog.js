// A confirmation as a <dialog> element (window.confirm blocks the page and cannot say much):
// resolves true when the person chose the action, false on Cancel or Escape.
import { h } from './dom.js';

export function confirmAction({ title, message, action, danger = false }) {
  return new Promise((resolve) => {
    const titleId = `confirm-title-${Date.now()}`;
    const yes = h('button', { type: 'button', class: danger ? 'primary danger' : 'primary', id: 'confirm-yes', text: action });
    const no = h('button', { type: 'button', id: 'confirm-no', text: 'Cancel' });
    const dialog = h('dialog', { class: 'confirm', id: 'confirm-dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId, text: title }),
      (Array.isArray(message) ? message : [message]).map((m) => h('p', { text: m })),
      h('div', { class: 'form-actions' }, no, yes));
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus(); // the safe choice has focus: Enter alone does not publish or discard
  });
}
