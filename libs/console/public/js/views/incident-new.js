// File an incident: a form that builds a valid STIX 2.1 incident bundle, or an uploaded bundle file.
import { api, ProblemError } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { fieldForPointer, incidentBundle } from '../stix-bundle.js';
import { describeRule, markingRules, TLP_LABELS, tlpBadge } from '../tlp.js';

const STIX = 'application/stix+json;version=2.1';
const localNow = () => {
  const d = new Date(Date.now() - 30 * 60_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export async function render(main, { me }) {
  const [{ organisations }, rules] = await Promise.all([api('/organisations'), markingRules()]);
  const sectors = organisations.filter((o) => o.kind === 'sector-unit').map((o) => o.sector ?? o.slug);

  const title = h('input', { type: 'text', required: true, maxlength: 300, autocomplete: 'off' });
  const description = h('textarea', { rows: 4 });
  const aware = h('input', { type: 'datetime-local', required: true, value: localNow() });
  const severity = select({}, [['medium'], ['high'], ['critical'], ['low'], ['info']]);
  const tlp = select({}, TLP_LABELS.map((t) => [t]));
  tlp.value = 'TLP:AMBER';
  const tlpPreview = h('p', { class: 'tlp-explain', id: 'incident-tlp-explain', 'aria-live': 'polite' });
  const explainTlp = () => tlpPreview.replaceChildren(tlpBadge(tlp.value, { content: false }), ' ', describeRule(rules.get(tlp.value)), ' The centre and your sector unit always receive an incident.');
  tlp.addEventListener('change', explainTlp);
  explainTlp();
  const sectorBoxes = h('fieldset', { class: 'checks', id: 'incident-sectors', tabindex: '-1' }, h('legend', { text: 'Affected sectors' }),
    sectors.map((s) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sector', value: s, checked: s === me.organisation.sector }), ` ${s}`)));
  const malicious = h('input', { type: 'checkbox', id: 'incident-malicious' });
  const crossBorder = h('input', { type: 'checkbox', id: 'incident-cross-border' });
  const indicatorList = h('div', { class: 'indicators' });

  const addIndicator = (pattern = '') => {
    const i = indicatorList.children.length;
    const row = h('fieldset', { class: 'indicator' }, h('legend', { text: `Indicator ${i + 1}` }),
      field('Name', h('input', { type: 'text', class: 'indicator-name' }), { id: `indicator-${i}-name` }),
      field('STIX pattern', h('input', { type: 'text', class: 'indicator-pattern mono', value: pattern, spellcheck: 'false', required: true }), { id: `indicator-${i}-pattern`, hint: "e.g. [ipv4-addr:value = '203.0.113.7']" }),
      h('button', { type: 'button', class: 'link', text: 'Remove indicator', onclick: () => (row.remove(), renumber()) }));
    indicatorList.append(row);
  };
  const renumber = () => {
    [...indicatorList.children].forEach((row, i) => {
      row.querySelector('legend').textContent = `Indicator ${i + 1}`;
      for (const [cls, suffix] of [['indicator-name', 'name'], ['indicator-pattern', 'pattern']]) {
        const control = row.querySelector(`.${cls}`);
        const wrapper = control.closest('.field');
        control.id = `indicator-${i}-${suffix}`;
        wrapper.querySelector('label').htmlFor = control.id;
        wrapper.querySelector('.field-error').id = `${control.id}-error`;
        const hint = wrapper.querySelector('.hint');
        if (hint) hint.id = `${control.id}-hint`;
        control.setAttribute('aria-describedby', [hint?.id, `${control.id}-error`].filter(Boolean).join(' '));
      }
    });
  };

  const form = h('form', { class: 'card', id: 'incident-form', novalidate: true, 'aria-labelledby': 'incident-form-title' },
    h('h2', { id: 'incident-form-title', text: 'Describe the incident' }),
    field('Title', title, { id: 'incident-title' }),
    field('Description', description, { id: 'incident-description' }),
    field('Became aware at (your local time)', aware, { id: 'incident-aware', hint: 'NIS2 clocks run from this moment: early warning within 24 h, notification within 72 h.' }),
    field('Severity', severity, { id: 'incident-severity' }),
    sectorBoxes, h('p', { class: 'field-error', id: 'incident-sectors-error', hidden: true }),
    h('div', { class: 'field inline' }, malicious, h('label', { for: 'incident-malicious', text: 'Suspected malicious' }), h('p', { class: 'field-error', id: 'incident-malicious-error', hidden: true })),
    h('div', { class: 'field inline' }, crossBorder, h('label', { for: 'incident-cross-border', text: 'Cross-border impact' }), h('p', { class: 'field-error', id: 'incident-cross-border-error', hidden: true })),
    field('TLP', tlp, { id: 'incident-tlp' }), tlpPreview,
    h('h3', { text: 'Indicators' }), indicatorList,
    h('button', { type: 'button', text: 'Add an indicator', onclick: () => addIndicator() }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'File the incident' })),
  );
  addIndicator();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const rows = [...indicatorList.children];
    const values = {
      title: title.value.trim(),
      description: description.value.trim(),
      awareAt: aware.value ? new Date(aware.value).toISOString() : '',
      severity: severity.value,
      sectors: [...sectorBoxes.querySelectorAll('input:checked')].map((c) => c.value),
      tlp: tlp.value,
      suspectedMalicious: malicious.checked,
      crossBorder: crossBorder.checked,
      indicators: rows.map((r) => ({ name: r.querySelector('.indicator-name').value.trim(), pattern: r.querySelector('.indicator-pattern').value.trim() })).filter((i) => i.pattern || i.name),
    };
    const local = [];
    if (!values.title) local.push({ pointer: '/objects/0/name', detail: 'A title is required.' });
    if (!values.awareAt) local.push({ pointer: '/objects/0/x_isac_aware_at', detail: 'When did you become aware?' });
    if (local.length) return showErrors(form, Object.assign(new Error('Some fields need attention.'), { errors: local }), (p) => fieldForPointer(p, values.indicators.length));
    await submit(form, JSON.stringify(incidentBundle(values)), (p) => fieldForPointer(p, values.indicators.length));
  });

  const file = h('input', { type: 'file', accept: '.json,application/json,application/stix+json' });
  const upload = h('form', { class: 'card', id: 'upload-form', 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title', text: 'Or upload a STIX 2.1 bundle' }),
    field('Bundle file (.json)', file, { id: 'upload-file', hint: 'One incident, with what describes it.' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Upload and file' })));
  upload.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(upload);
    if (!file.files?.[0]) return showErrors(upload, Object.assign(new Error('Choose a file first.'), { errors: [{ pointer: '/file', detail: 'no file chosen' }] }), () => 'upload-file');
    await submit(upload, await file.files[0].text(), () => undefined);
  });

  main.append(h('h1', { text: 'File an incident' }), h('p', { class: 'muted', text: 'The form builds a STIX 2.1 bundle with one incident (Incident Core extension) and its indicators; the hub validates it and opens a case.' }), form, upload);
  title.focus();
}

async function submit(form, body, fieldFor) {
  const button = form.querySelector('[type=submit]');
  button.disabled = true;
  try {
    const filed = await api('/incidents', { method: 'POST', body, contentType: STIX });
    location.hash = `#/incidents/${filed.id}`;
  } catch (error) {
    if (error instanceof ProblemError || error.errors) showErrors(form, error, fieldFor);
    else showErrors(form, Object.assign(new Error(`Not filed: ${error.message}`), { errors: [] }), () => undefined);
  } finally {
    button.disabled = false;
  }
}
