// File an incident: a form that builds a valid STIX 2.1 incident bundle, or an uploaded bundle file.
import { api, ProblemError } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { fieldForPointer, incidentBundle } from '../stix-bundle.js';
import { describeRule, markingRules, TLP_LABELS, tlpBadge } from '../tlp.js';

const STIX = 'application/stix+json;version=2.1';
const localNow = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
// a legal clock runs from these answers: none is pre-filled, and "unknown" is an answer of its own
const TRISTATE = [['unknown', 'Unknown'], ['yes', 'Yes'], ['no', 'No']];
const tristate = (value) => (value === 'yes' ? true : value === 'no' ? false : undefined);

export async function render(main, { me }) {
  const [{ organisations }, rules] = await Promise.all([api('/organisations'), markingRules()]);
  const sectors = organisations.filter((o) => o.kind === 'sector-unit').map((o) => o.sector ?? o.slug);

  const title = h('input', { type: 'text', required: true, maxlength: 300, autocomplete: 'off' });
  const description = h('textarea', { rows: 4 });
  const aware = h('input', { type: 'datetime-local', required: true, 'aria-required': 'true', max: localNow() });
  const awareNow = h('button', {
    type: 'button',
    class: 'link',
    id: 'incident-aware-now',
    text: 'Use the current time',
    onclick: () => (aware.value = localNow()),
  });
  const severity = select({ required: true }, [['', 'Choose…'], ['info'], ['low'], ['medium'], ['high'], ['critical']]);
  const tlp = select({}, TLP_LABELS.map((t) => [t]));
  tlp.value = 'TLP:AMBER';
  const tlpPreview = h('p', { class: 'tlp-explain', id: 'incident-tlp-explain', 'aria-live': 'polite' });
  const explainTlp = () =>
    tlpPreview.replaceChildren(
      tlpBadge(tlp.value, { content: false }),
      ' ',
      describeRule(rules.get(tlp.value)),
      ' The centre and your sector unit always receive an incident.',
    );
  tlp.addEventListener('change', explainTlp);
  explainTlp();
  const sectorBoxes = h(
    'fieldset',
    { class: 'checks', id: 'incident-sectors', tabindex: '-1' },
    h('legend', { text: 'Affected sectors' }),
    sectors.map((s) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sector', value: s, checked: s === me.organisation.sector }), ` ${s}`),
    ),
  );
  const malicious = select({}, TRISTATE);
  const crossBorder = select({}, TRISTATE);
  const indicatorList = h('div', { class: 'indicators' });

  const addIndicator = (pattern = '') => {
    const i = indicatorList.children.length;
    const row = h('fieldset', { class: 'indicator' }, h('legend', { text: `Indicator ${i + 1}` }),
      field('Name', h('input', { type: 'text', class: 'indicator-name' }), { id: `indicator-${i}-name` }),
      field('STIX pattern', h('input', { type: 'text', class: 'indicator-pattern mono', value: pattern, spellcheck: 'false', required: true }), {
        id: `indicator-${i}-pattern`,
        hint: "e.g. [ipv4-addr:value = '203.0.113.7']",
      }),
      h('button', { type: 'button', class: 'link', text: 'Remove indicator', onclick: () => (row.remove(), renumber()) }),
    );
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
    field('Became aware at (your local time)', aware, {
      id: 'incident-aware',
      hint: 'Required. NIS2 clocks run from this moment: early warning within 24 h, notification within 72 h. Not filled in for you.',
    }),
    awareNow,
    field('Severity', severity, { id: 'incident-severity' }),
    sectorBoxes,
    h('p', { class: 'field-error', id: 'incident-sectors-error', hidden: true }),
    field('Suspected malicious', malicious, {
      id: 'incident-malicious',
      hint: 'NIS2 early warning: is the incident suspected of being caused by unlawful or malicious acts?',
    }),
    field('Cross-border impact', crossBorder, { id: 'incident-cross-border', hint: 'NIS2 early warning: could it have a cross-border impact?' }),
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
      suspectedMalicious: tristate(malicious.value),
      crossBorder: tristate(crossBorder.value),
      indicators: rows
        .map((r) => ({ name: r.querySelector('.indicator-name').value.trim(), pattern: r.querySelector('.indicator-pattern').value.trim() }))
        .filter((i) => i.pattern || i.name),
    };
    const local = [];
    if (!values.title) local.push({ pointer: '/objects/0/name', detail: 'A title is required.' });
    if (!values.awareAt)
      local.push({ pointer: '/objects/0/x_isac_aware_at', detail: 'Enter when your organisation became aware: the reporting deadlines count from it.' });
    else if (new Date(values.awareAt).getTime() > Date.now() + 60_000)
      local.push({ pointer: '/objects/0/x_isac_aware_at', detail: 'This is in the future: enter when your organisation became aware.' });
    if (!values.severity) local.push({ pointer: '/objects/0/x_isac_severity', detail: 'Choose a severity.' });
    if (local.length)
      return showErrors(
        form,
        Object.assign(new Error(local.length === 1 ? 'One field needs attention.' : `${local.length} fields need attention.`), { errors: local }),
        (p) => fieldForPointer(p, values.indicators.length),
      );
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
    if (!file.files?.[0])
      return showErrors(
        upload,
        Object.assign(new Error('Choose a file first.'), { errors: [{ pointer: '/file', detail: 'no file chosen' }] }),
        () => 'upload-file',
      );
    const text = await file.files[0].text();
    // said once, in words, rather than the parser's "Unexpected end of JSON input" (twice, from the hub)
    try {
      JSON.parse(text);
    } catch {
      return showErrors(
        upload,
        Object.assign(new Error(`${file.files[0].name} is not a JSON file: choose a STIX 2.1 bundle saved as JSON (it starts with {"type": "bundle", …).`), {
          errors: [],
        }),
        () => undefined,
      );
    }
    await submit(upload, text, () => undefined);
  });

  main.append(
    h('h1', { text: 'File an incident' }),
    h('p', {
      class: 'muted',
      text: 'The form builds a STIX 2.1 bundle with one incident (Incident Core extension) and its indicators; the hub validates it and opens a case.',
    }),
    form,
    upload,
  );
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
