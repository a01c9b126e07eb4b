// The centre issues an alert: audience by sector and organisation, the TLP rule explained as you pick.
import { api } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { matchLine, parseMatchLine } from '../exposure.js';
import { describeRule, markingRules, TLP_LABELS, tlpBadge } from '../tlp.js';

const local = (ms) => {
  const d = new Date(Date.now() + ms);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const FIELDS = {
  '/title': 'alert-title',
  '/body': 'alert-body',
  '/severity': 'alert-severity',
  '/tlp': 'alert-tlp',
  '/ackDeadline': 'alert-ack',
  '/expiresAt': 'alert-expires',
};

export async function render(main, context = {}) {
  const [{ organisations }, rules] = await Promise.all([api('/organisations'), markingRules()]);
  // "Warn the exposed" on a case opens this form with its affected products and providers
  const prefill = new URLSearchParams(context.params?.query ?? '');
  const prefillProducts = (() => {
    try {
      return JSON.parse(prefill.get('products') ?? '[]');
    } catch {
      return [];
    }
  })();
  const units = organisations.filter((o) => o.kind === 'sector-unit');
  const membersOf = (unit) => organisations.filter((o) => o.parent === unit.slug);
  // whether a marking may go to whole sectors is the hub's rule, not the console's
  const namedOnly = (label) => rules.get(label)?.audience === 'named-organisations';

  const title = h('input', { type: 'text', required: true, maxlength: 300, value: prefill.get('title') ?? '' });
  const body = h('textarea', { rows: 5, required: true });
  const severity = select({}, [['critical'], ['high'], ['medium'], ['low'], ['info']]);
  severity.value = 'high';
  const tlp = select({}, TLP_LABELS.map((t) => [t]));
  tlp.value = 'TLP:AMBER';
  const ack = h('input', { type: 'datetime-local', value: local(4 * 3_600_000), required: true });
  const expires = h('input', { type: 'datetime-local', value: local(7 * 86_400_000), required: true });
  const requiresAck = h('input', { type: 'checkbox', id: 'alert-requires-ack', checked: true });

  const sectorBoxes = units.map((u) => h('input', { type: 'checkbox', name: 'sector', value: u.sector ?? u.slug, id: `aud-sector-${u.slug}` }));
  const orgBoxes = [];
  const everyone = h('input', { type: 'checkbox', name: 'all', value: 'all', id: 'aud-all' });
  const picker = h('fieldset', { class: 'audience', id: 'alert-audience', tabindex: '-1' }, h('legend', { text: 'Audience' }),
    h('p', { class: 'hint', text: 'A whole sector means its unit and every member, now and later. Named organisations receive it themselves.' }),
    h('div', { class: 'check strong' }, everyone, h('label', { for: everyone.id, text: ' everyone in the network (every sector, unit and member)' })),
    h('div', { class: 'audience-grid' }, units.map((u, i) => {
      const members = membersOf(u);
      const unitBox = h('input', { type: 'checkbox', name: 'organisation', value: u.slug, id: `aud-org-${u.slug}` });
      orgBoxes.push(unitBox);
      const memberBoxes = members.map((m) => {
        const box = h('input', { type: 'checkbox', name: 'organisation', value: m.slug, id: `aud-org-${m.slug}` });
        orgBoxes.push(box);
        return h('li', {}, box, h('label', { for: box.id, text: ` ${m.name ?? m.slug}` }));
      });
      return h('div', { class: 'sector-group' },
        h('div', { class: 'check strong' }, sectorBoxes[i], h('label', { for: sectorBoxes[i].id, text: ` whole ${u.sector ?? u.slug} sector` })),
        h('ul', { class: 'orgs' }, h('li', {}, unitBox, h('label', { for: unitBox.id, text: ` ${u.name ?? u.slug} (sector unit)` })), memberBoxes));
    })),
    h('p', { class: 'field-error', id: 'alert-audience-error', hidden: true }));
  // issue 18: the exposed, by their registers — a union with what is picked above
  const products = h('textarea', { id: 'aud-products', rows: 2, text: prefillProducts.map(matchLine).join('\n') });
  const dependsOn = h('input', { type: 'text', id: 'aud-depends-on', value: prefill.get('dependsOn') ?? '' });
  const exposedPicker = h('fieldset', { class: 'audience', id: 'alert-exposed' }, h('legend', { text: 'The exposed (by their registers)' }),
    h('p', {
      class: 'hint',
      text:
        'Every organisation whose register runs a product or depends on a provider, and its sector unit: added to the audience above. ' +
        'Who matched is told only to itself; your receipts count those whose registers you may not read.',
    }),
    field('Products: a CPE 2.3 match string a line, with "from", "after", "up to", "before" versions', products, { id: 'aud-products' }),
    field('Providers: network slugs or external:<supplier>, comma-separated', dependsOn, { id: 'aud-depends-on' }));
  const targeted = () => {
    const matches = products.value.split('\n').map(parseMatchLine).filter(Boolean);
    const providers = dependsOn.value.split(',').map((p) => p.trim()).filter(Boolean);
    return { ...(matches.length ? { products: matches } : {}), ...(providers.length ? { dependsOn: providers } : {}) };
  };
  const explain = h('div', { class: 'tlp-explain', id: 'alert-tlp-explain', 'aria-live': 'polite' });

  const update = () => {
    const named = namedOnly(tlp.value);
    const sectors = sectorBoxes.filter((b) => b.checked).map((b) => b.value);
    const orgs = orgBoxes.filter((b) => b.checked).map((b) => b.value);
    const all = everyone.checked && !named;
    everyone.disabled = named;
    for (const b of sectorBoxes) b.disabled = named || all;
    for (const b of orgBoxes) b.disabled = all;
    const lines = [h('p', {}, tlpBadge(tlp.value, { content: false }), ' ', describeRule(rules.get(tlp.value)))];
    if (named && (sectors.length || everyone.checked))
      lines.push(
        h('p', { class: 'warn', text: `${tlp.value} cannot go to whole sectors or to everyone: name the organisations instead. Those choices are left out.` }),
      );
    if (all) {
      lines.push(h('p', { id: 'alert-reach', text: 'Goes to: everyone in the network.' }));
      return explain.replaceChildren(...lines);
    }
    if (tlp.value === 'TLP:AMBER' && orgs.length)
      lines.push(
        h('p', {
          text: `Named sector units (${orgs.filter((o) => units.some((u) => u.slug === o)).join(', ') || 'none'}) share AMBER with their members; sector units are not the centre's clients otherwise.`,
        }),
      );
    const t = targeted();
    const exposed = [
      ...(t.products ?? []).map((m) => `whoever runs ${matchLine(m)}`),
      ...(t.dependsOn ?? []).map((p) => `whoever depends on ${p}`),
    ];
    const reach = [...(named ? [] : sectors.map((s) => `the whole ${s} sector`)), ...orgs, ...exposed];
    lines.push(h('p', { id: 'alert-reach', text: reach.length ? `Goes to: ${reach.join(', ')}.` : 'Nobody picked yet.' }));
    explain.replaceChildren(...lines);
  };
  for (const control of [tlp, everyone, ...sectorBoxes, ...orgBoxes]) control.addEventListener('change', update);
  for (const control of [products, dependsOn]) control.addEventListener('input', update);
  update();

  const form = h('form', { class: 'card', id: 'alert-form', novalidate: true, 'aria-labelledby': 'alert-form-title' },
    h('h2', { id: 'alert-form-title', text: 'The alert' }),
    field('Title', title, { id: 'alert-title' }),
    field('Message (Markdown)', body, {
      id: 'alert-body',
      hint: 'Shown formatted: **strong**, *emphasis*, `code`, lists starting with - or 1., links as [text](https://…).',
    }),
    field('Severity', severity, { id: 'alert-severity' }),
    field('TLP', tlp, { id: 'alert-tlp' }),
    picker, exposedPicker, explain,
    h('div', { class: 'field inline' }, requiresAck, h('label', { for: 'alert-requires-ack', text: 'Recipients must acknowledge' })),
    field('Acknowledge by (local time)', ack, { id: 'alert-ack' }),
    field('Expires (local time)', expires, { id: 'alert-expires' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Issue the alert' })));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const named = namedOnly(tlp.value);
    const all = everyone.checked && !named;
    const sectors = named || all ? [] : sectorBoxes.filter((b) => b.checked).map((b) => b.value);
    const orgs = all ? [] : orgBoxes.filter((b) => b.checked).map((b) => b.value);
    const payload = {
      title: title.value.trim(), body: body.value.trim(), severity: severity.value, tlp: tlp.value,
      audience: all ? { all: true } : { ...(sectors.length ? { sectors } : {}), ...(orgs.length ? { organisations: orgs } : {}), ...targeted() },
      requiresAck: requiresAck.checked,
      ...(requiresAck.checked ? { ackDeadline: ack.value ? new Date(ack.value).toISOString() : '' } : {}),
      expiresAt: expires.value ? new Date(expires.value).toISOString() : '',
    };
    const fieldFor = (p) =>
      FIELDS[p] ??
      (p.startsWith('/audience/products')
        ? 'aud-products'
        : p.startsWith('/audience/dependsOn')
          ? 'aud-depends-on'
          : p.startsWith('/audience')
            ? 'alert-audience'
            : undefined);
    if (!all && !sectors.length && !orgs.length && !Object.keys(targeted()).length)
      return showErrors(
        form,
        Object.assign(new Error('Pick who receives the alert.'), {
          errors: [{ pointer: '/audience', detail: 'Pick at least one sector or organisation, or name products or providers.' }],
        }),
        fieldFor,
      );
    const button = form.querySelector('[type=submit]');
    button.disabled = true;
    try {
      const alert = await api('/alerts', {
        method: 'POST',
        body: payload,
        headers: { 'Idempotency-Key': `console-${crypto.getRandomValues(new Uint32Array(4)).join('-')}` },
      });
      location.hash = `#/advisories/${alert.id}`;
    } catch (error) {
      // a TLP refusal names no field: it is about the audience picked
      if (error.code?.startsWith('TLP.') || error.code === 'ADVISORY.TLP_VIOLATION')
        error.errors = error.errors.length
          ? error.errors.map((e) => ({ ...e, pointer: e.pointer || '/audience' }))
          : [{ pointer: '/audience', detail: error.message }];
      showErrors(form, error, fieldFor);
    } finally {
      button.disabled = false;
    }
  });

  main.append(h('h1', { text: 'Issue an alert' }), form);
  title.focus();
}
