// An organisation's register of critical services and assets (issue 18): its analysts list, add,
// change and remove entries. Every entry goes to the centre and the sector unit under its TLP.
import { api } from '../api.js';
import { confirmAction } from '../dialog.js';
import { announce, h, when } from '../dom.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { describeRule, markingRules, TLP_LABELS, tlpBadge } from '../tlp.js';

export const KINDS = ['service', 'system', 'software', 'network', 'cloud', 'ot', 'supplier'];
export const CRITICALITIES = ['low', 'medium', 'high', 'critical'];
const DEFAULT_TLP = 'TLP:AMBER+STRICT';
const FIELDS = {
  '/name': 'reg-name',
  '/kind': 'reg-kind',
  '/criticality': 'reg-criticality',
  '/products': 'reg-products',
  '/dependsOn': 'reg-depends',
  '/tlp': 'reg-tlp',
};
const lines = (text) =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);
// a CPE name holds colons, never commas: products are one a line
const productLines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** "cpe:2.3:a:examplesoft:secure_gateway:9.1.2:*:…" → "examplesoft secure_gateway 9.1.2" */
export const productText = (cpe) => {
  const parts = cpe.split(/(?<!\\):/);
  return parts.length >= 6 ? `${parts[3]} ${parts[4]} ${parts[5]}` : cpe;
};
export const providerText = (p) => (p.startsWith('external:') ? `${p.slice('external:'.length)} (external)` : p);

function entryForm(rules, onSaved) {
  const name = h('input', { type: 'text', required: true, maxlength: 200 });
  const kind = select({}, KINDS.map((k) => [k]));
  const criticality = select({}, CRITICALITIES.map((c) => [c]));
  criticality.value = 'high';
  const products = h('textarea', { rows: 3, spellcheck: 'false' });
  const depends = h('textarea', { rows: 2, spellcheck: 'false' });
  const tlp = select({}, TLP_LABELS.map((t) => [t]));
  tlp.value = DEFAULT_TLP;
  const explain = h('p', { class: 'hint', id: 'reg-tlp-explain', 'aria-live': 'polite' });
  const heading = h('h2', { id: 'reg-form-title', text: 'Add an entry' });
  const submit = h('button', { type: 'submit', class: 'primary', text: 'Add the entry' });
  const cancel = h('button', { type: 'button', id: 'reg-cancel', text: 'Cancel the change', hidden: true });
  let editing = null;
  const explainTlp = () =>
    explain.replaceChildren(
      tlpBadge(tlp.value, { content: false }),
      ' ',
      describeRule(rules.get(tlp.value)),
      ' The entry goes to the centre and your sector unit.',
    );
  tlp.addEventListener('change', explainTlp);
  explainTlp();
  const form = h('form', { class: 'card', id: 'register-form', novalidate: true, 'aria-labelledby': 'reg-form-title' },
    heading,
    field('Name', name, { id: 'reg-name' }),
    field('Kind', kind, { id: 'reg-kind' }),
    field('Criticality', criticality, { id: 'reg-criticality' }),
    field('Products (CPE 2.3 names, one a line)', products, {
      id: 'reg-products',
      hint: 'With the version you run, e.g. cpe:2.3:a:examplesoft:secure_gateway:9.1.2:*:*:*:*:*:*:*',
    }),
    field('Depends on (one a line or comma-separated)', depends, {
      id: 'reg-depends',
      hint: 'Organisations of the network by slug (fabrikam), or external suppliers as external:<name> (external:Example Cloud).',
    }),
    field('TLP', tlp, { id: 'reg-tlp' }),
    explain,
    h('div', { class: 'form-actions' }, submit, cancel),
  );
  const reset = () => {
    editing = null;
    form.reset();
    criticality.value = 'high';
    tlp.value = DEFAULT_TLP;
    explainTlp();
    heading.textContent = 'Add an entry';
    submit.textContent = 'Add the entry';
    cancel.hidden = true;
    clearErrors(form);
  };
  cancel.addEventListener('click', reset);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      name: name.value.trim(),
      kind: kind.value,
      criticality: criticality.value,
      products: productLines(products.value),
      dependsOn: lines(depends.value),
      tlp: tlp.value,
    };
    submit.disabled = true;
    try {
      const saved = await api(editing ? `/infrastructure/${editing}` : '/infrastructure', { method: editing ? 'PUT' : 'POST', body });
      announce(`${editing ? 'Changed' : 'Added'}: ${saved.name}`);
      reset();
      await onSaved(saved);
    } catch (error) {
      showErrors(form, error, (p) => FIELDS[p] ?? FIELDS[p.replace(/\/\d+$/, '')]);
    } finally {
      submit.disabled = false;
    }
  });
  const edit = (entry) => {
    editing = entry.id;
    name.value = entry.name;
    kind.value = entry.kind;
    criticality.value = entry.criticality;
    products.value = entry.products.join('\n');
    depends.value = entry.dependsOn.join('\n');
    tlp.value = entry.tlp;
    explainTlp();
    heading.textContent = `Change: ${entry.name}`;
    submit.textContent = 'Save the change';
    cancel.hidden = false;
    clearErrors(form);
    name.focus();
  };
  return { form, edit };
}

export async function render(main, { me }) {
  const rules = await markingRules();
  const area = h('div', { id: 'register' });
  const load = async () => {
    const { entries } = await api(`/infrastructure?organisation=${encodeURIComponent(me.organisation.slug)}`);
    area.replaceChildren(
      entries.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'stack', id: 'register-table' },
              h('caption', { text: `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} in the register of ${me.organisation.slug}` }),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['Name', 'Kind', 'Criticality', 'Products', 'Depends on', 'TLP', 'Changed', 'Actions'].map((t) => h('th', { scope: 'col', text: t })),
                ),
              ),
              h(
                'tbody',
                {},
                entries.map((e) =>
                  h(
                    'tr',
                    { 'data-entry': e.id },
                    h('th', { scope: 'row', text: e.name }),
                    h('td', { 'data-label': 'Kind', text: e.kind }),
                    h('td', { 'data-label': 'Criticality', text: e.criticality }),
                    h(
                      'td',
                      { 'data-label': 'Products' },
                      e.products.length ? e.products.map((p) => h('div', { class: 'mono', title: p, text: productText(p) })) : '—',
                    ),
                    h('td', { 'data-label': 'Depends on', text: e.dependsOn.map(providerText).join(', ') || '—' }),
                    h('td', { 'data-label': 'TLP' }, tlpBadge(e.tlp)),
                    h('td', { 'data-label': 'Changed', text: when(e.updatedAt ?? e.createdAt) }),
                    h(
                      'td',
                      { 'data-label': 'Actions' },
                      h(
                        'div',
                        { class: 'actions' },
                        h('button', { type: 'button', class: 'edit', 'aria-label': `Change ${e.name}`, text: 'Change', onclick: () => form.edit(e) }),
                        h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${e.name}`, text: 'Remove', onclick: () => remove(e) }),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          )
        : h('p', { id: 'register-empty', text: 'Your register is empty: add the services and assets your organisation cannot do without.' }),
    );
  };
  const remove = async (entry) => {
    const sure = await confirmAction({
      title: `Remove ${entry.name}?`,
      message: ['It leaves your register; the centre and your sector unit see its removal at the next meeting.'],
      action: 'Remove',
      danger: true,
    });
    if (!sure) return;
    await api(`/infrastructure/${entry.id}`, { method: 'DELETE' });
    announce(`Removed: ${entry.name}`);
    await load();
  };
  const form = entryForm(rules, load);
  main.append(
    h('h1', { text: 'Register' }),
    h('p', {
      class: 'hint',
      text: 'The critical digital services and assets of your organisation, the products they run and the providers they depend on. Warnings for a product or a provider reach you through it.',
    }),
    area,
    form.form,
  );
  await load();
}
