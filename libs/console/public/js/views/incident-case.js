// The case page: NIS2 (or DORA) stages, deadlines counting down, the timeline; and working the case
// together (issue 17): the reporter's next report, the centre's feedback, the conversation, linked
// cases, closing and reopening; and (issue 19) the major incidents it is attached to, with the centre's
// one-step escalation of the case into a new one. Live: a change told by the event stream redraws the page's parts.
import { api, ProblemError } from '../api.js';
import { announce, countdown, h, when } from '../dom.js';
import { exerciseBadge, exerciseBanner } from '../exercise.js';
import { coalesce, live } from '../live.js';
import { clearErrors, field, select, showErrors } from '../forms.js';
import { renderMarkdown } from '../markdown.js';
import { CLOCK_NAMES, STAGE_NAMES } from '../stages.js';
import { caseTargets, matchLine } from '../exposure.js';
import { followUpBundle, followUpFieldForPointer } from '../stix-bundle.js';
import { rank, TLP_LABELS, tlpBadge } from '../tlp.js';

const STIX = 'application/stix+json;version=2.1';
const TRISTATE = [['unknown', 'Unknown (keep as reported)'], ['yes', 'Yes'], ['no', 'No']];
const tristate = (value) => (value === 'yes' ? true : value === 'no' ? false : undefined);
const FEEDBACK_KINDS = [['guidance', 'Guidance'], ['assessment', 'Assessment'], ['severity-reassessment', 'Severity reassessment']];
const SECTORS = ['telecom', 'energy', 'shipping', 'transport', 'health', 'finance'];
const MESSAGE_KINDS = [['question', 'Question'], ['answer', 'Answer'], ['assistance-request', 'Request for assistance'], ['note', 'Note']];

// the hub's report stages; DORA (finance) has no early warning and no progress report
const STAGES = { nis2: ['early-warning', 'notification', 'intermediate', 'progress', 'final'], dora: ['notification', 'intermediate', 'final'] };

export async function render(main, context) {
  const { params, signal, me } = context;
  const path = `/incidents/${encodeURIComponent(params.id)}`;
  const load = () => Promise.all([api(path), api(`${path}/bundle`).catch(() => null)]);
  let [c, bundle] = await load();

  const roles = new Set(me?.roles ?? []);
  const ownCase = c.reporter === me?.organisation?.slug;
  const centre = me?.organisation?.kind === 'centre';
  const isReporter = ownCase && roles.has('reporter');
  const isCentreAnalyst = centre && roles.has('analyst');
  const mayClose = (ownCase && roles.has('reporter')) || (centre && (roles.has('analyst') || roles.has('reporter')));

  // the page in parts: what the hub says of the case is redrawn on every change, the forms only when
  // the state or the reports filed change what they offer (so nothing half typed is lost)
  const summary = h('div', { id: 'case-summary' });
  const actions = h('div', { id: 'case-actions' });
  const messages = h('div', { id: 'case-conversation' });
  const links = h('div', { id: 'case-links-part' });
  const rooms = h('div', { id: 'case-major-incidents-part' });
  const lifecycle = h('div', { id: 'case-lifecycle' });
  let rows = [];
  let formsShownFor = null;
  const tick = () => {
    for (const { left, d } of rows) left.textContent = d.submittedAt ? `submitted ${when(d.submittedAt)}` : countdown(d.due);
  };
  const draw = () => {
    rows = deadlineRowsOf(c);
    summary.replaceChildren(...summaryOf(c, bundle, rows).filter(Boolean));
    messages.replaceChildren(messageListOf(c));
    links.replaceChildren(...linksOf(c));
    rooms.replaceChildren(majorIncidentsOf(c));
    const formsFor = JSON.stringify([c.state, c.timeline.filter((t) => t.kind === 'report').map((t) => t.stage)]);
    if (formsFor !== formsShownFor) {
      formsShownFor = formsFor;
      actions.replaceChildren(
        ...[
          isReporter && c.state !== 'closed' && bundle ? nextReportForm(c, bundle, update) : null,
          isCentreAnalyst ? warnExposed(c, bundle) : null,
          isCentreAnalyst && c.state !== 'closed' ? feedbackForm(c, path, update) : null,
        ].filter(Boolean),
      );
      lifecycle.replaceChildren(...(mayClose ? [closeControls(c, path, update)] : []));
    }
    tick();
  };
  // after a change, made here or told by the event stream, the parts are drawn again from what the hub answers
  async function update(message) {
    [c, bundle] = await load();
    if (signal.aborted) return;
    draw();
    if (message) announce(message);
  }
  draw();
  const timer = setInterval(tick, 30_000);
  signal.addEventListener('abort', () => clearInterval(timer));
  const reload = coalesce(() => update('Case updated.'));
  live.addEventListener('case', (event) => event.detail.caseId === c.id && reload(), { signal });
  live.addEventListener('resync', reload, { signal });

  main.append(
    h('p', {}, h('a', { href: '#/incidents', text: '← Incidents' })),
    summary,
    actions,
    h(
      'section',
      { 'aria-labelledby': 'conversation-title' },
      h('h2', { id: 'conversation-title', text: 'Conversation' }),
      messages,
      messageForm(c, path, update),
    ),
    h('h2', { text: 'Linked cases' }),
    links,
    h('section', { 'aria-labelledby': 'case-major-incidents-title' }, h('h2', { id: 'case-major-incidents-title', text: 'Major incidents' }), rooms),
    // the centre escalates a real case into a major incident in one step (an exercise's case goes to its exercise's room)
    isCentreAnalyst && !c.exercise ? await escalateForm(c) : null,
    lifecycle,
  );
}

/** The major incidents the case is attached to, as far as the reader may read each room. */
function majorIncidentsOf(c) {
  const attached = c.majorIncidents ?? [];
  return attached.length
    ? h('ul', { id: 'case-major-incidents' }, attached.map((m) => h('li', { 'data-major-incident': m.id }, tlpBadge(m.tlp), ' ', exerciseBadge(m), ' ',
      h('a', { href: `#/major-incidents/${m.id}`, text: m.title }), ` (${m.state === 'open' ? 'open' : 'stood down'})`)))
    : h('p', { class: 'muted', id: 'case-major-incidents', text: 'Attached to no major incident you may read.' });
}

/**
 * Issue 19: "Escalate to major incident" — the centre declares a room with this case attached: the
 * marking and concerned sectors come filled from the case (its reporter's sector and the sectors it
 * affects); the title is the centre's to write, for every reader of the room, each concerned unit gets the alert, and the console opens the new room.
 */
async function escalateForm(c) {
  const { organisations } = await api('/organisations');
  const reporterSector = organisations.find((o) => o.slug === c.reporter)?.sector;
  const concerned = new Set([reporterSector, ...c.affectedSectors].filter(Boolean));
  // the title starts empty: the room's readers may not all read the case, and its name is the case's
  const title = h('input', { type: 'text', value: '', placeholder: 'e.g. Wiper campaign across energy and health', maxlength: 300, required: true });
  const tlp = select({}, TLP_LABELS.map((t) => [t]));
  tlp.value = c.tlp;
  const sectors = h(
    'fieldset',
    { class: 'checks', id: 'escalate-sectors', tabindex: '-1' },
    h('legend', { text: 'Sectors concerned (each unit gets an alert to acknowledge)' }),
    SECTORS.map((s) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: s, checked: concerned.has(s) }), ` ${s}`)),
    h('p', { class: 'field-error', id: 'escalate-sectors-error', hidden: true }),
  );
  const form = h('form', { class: 'card', id: 'escalate-form', 'aria-labelledby': 'escalate-title', novalidate: true },
    h('h2', { id: 'escalate-title', text: 'Escalate to major incident' }),
    h('p', { class: 'hint', text: 'Declares a major incident with this case attached: a coordination room, and an alert to each concerned unit.' }),
    field('Title', title, {
      id: 'escalate-title-input',
      hint: "Every reader of the room sees it, also those who may not read this case: word it for the room's marking.",
    }),
    field("The room's marking", tlp, { id: 'escalate-tlp', hint: 'Its readers see this case in the room only if they may read the case too.' }),
    sectors,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', text: 'Escalate to major incident' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const chosen = [...sectors.querySelectorAll('input:checked')].map((i) => i.value);
    const button = form.querySelector('[type=submit]');
    button.disabled = true;
    try {
      const room = await api('/major-incidents', { method: 'POST', body: { title: title.value, tlp: tlp.value, sectors: chosen, caseIds: [c.id] } });
      location.hash = `#/major-incidents/${room.id}`;
    } catch (error) {
      const fields = { '/title': 'escalate-title-input', '/tlp': 'escalate-tlp' };
      const fieldFor = (p) => fields[p] ?? (p.startsWith('/sectors') ? 'escalate-sectors' : undefined);
      showErrors(form, error instanceof ProblemError ? error : Object.assign(new Error(error.message), { errors: [] }), fieldFor);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function deadlineRowsOf(c) {
  return c.deadlines.map((d) => {
    // data-label names each cell where a phone shows the row as a card (console.css)
    const left = h('td', { class: 'countdown', 'data-due': d.due, 'data-label': 'Time left' });
    const state = d.submittedAt ? (d.late ? 'submitted late' : 'met') : d.overdue ? 'overdue' : d.dueSoon ? 'due soon' : 'open';
    return {
      row: h(
        'tr',
        { class: `deadline ${state.replace(' ', '-')}`, 'data-clock': d.clock },
        h('th', { scope: 'row', text: CLOCK_NAMES[d.clock] ?? d.clock }),
        h('td', { 'data-label': 'Owner', text: d.owner }),
        h('td', { 'data-label': 'Due', text: when(d.due) }),
        left,
        h('td', { 'data-label': 'State' }, h('span', { class: `state state-${state.replace(' ', '-')}`, text: state })),
      ),
      left,
      d,
    };
  });
}

/** The case as the hub tells it: head, facts, description, indicators, stages, deadlines, timeline. */
function summaryOf(c, bundle, rows) {
  const reported = new Set(c.timeline.filter((t) => t.kind === 'report').map((t) => t.stage));
  const stages = h(
    'ol',
    { class: 'stages', 'aria-label': 'Reporting stages' },
    (STAGES[c.regime] ?? STAGES.nis2).map((s) =>
      h(
        'li',
        { class: `stage ${reported.has(s) ? 'done' : ''} ${c.stage === s ? 'current' : ''}`, 'aria-current': c.stage === s ? 'step' : undefined },
        h('span', { class: 'stage-mark', 'aria-hidden': 'true', text: reported.has(s) ? '✓' : '○' }),
        ` ${STAGE_NAMES[s]}`,
        reported.has(s) ? h('span', { class: 'sr-only', text: ' (submitted)' }) : null,
      ),
    ),
  );
  const incident = bundle?.objects?.find((o) => o.type === 'incident');
  const indicators = (bundle?.objects ?? []).filter((o) => o.type === 'indicator');
  return [
    exerciseBanner(c, 'case'),
    h('div', { class: 'case-head' }, tlpBadge(c.tlp), exerciseBadge(c), h('h1', { text: c.name })),
    h(
      'dl',
      { class: 'facts' },
      h('dt', { text: 'Reporter' }),
      h('dd', { text: c.reporter }),
      h('dt', { text: 'Regime' }),
      h('dd', { text: c.regime.toUpperCase() }),
      h('dt', { text: 'Severity' }),
      h('dd', {}, h('span', { class: `severity sev-${c.severity}`, text: c.severity ?? '—' })),
      h('dt', { text: 'Stage' }),
      h('dd', { id: 'case-stage', text: STAGE_NAMES[c.stage] ?? c.stage }),
      h('dt', { text: 'Affected sectors' }),
      h('dd', { text: c.affectedSectors.join(', ') || '—' }),
      h('dt', { text: 'Became aware' }),
      h('dd', { text: when(c.awareAt) }),
      h('dt', { text: 'State' }),
      h('dd', { id: 'case-state', text: c.state === 'closed' ? `closed ${when(c.closedAt)}${c.closeReason ? ` — ${c.closeReason}` : ''}` : 'open' }),
      h('dt', { text: 'Case id' }),
      h('dd', { class: 'mono', text: c.id }),
      h('dt', { text: 'STIX incident' }),
      h('dd', { class: 'mono', id: 'case-incident-id', text: c.incidentId }),
    ),
    h('h2', { text: 'Description' }),
    incident?.description
      ? renderMarkdown(incident.description, { id: 'case-description' })
      : h('p', { class: 'muted', id: 'case-description', text: 'No description reported.' }),
    h('h2', { text: 'Indicators' }),
    indicators.length
      ? h(
          'ul',
          { class: 'indicator-list', id: 'case-indicators' },
          indicators.map((i) => h('li', {}, i.name ? `${i.name}: ` : '', h('code', { class: 'mono', text: i.pattern }))),
        )
      : h('p', { class: 'muted', id: 'case-indicators', text: 'No indicators reported.' }),
    h('h2', { text: 'Stages' }), stages,
    h('h2', { text: 'Deadlines' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'deadlines stack', id: 'case-deadlines' },
      h('caption', { class: 'sr-only', text: 'Reporting deadlines' }),
      h('thead', {}, h('tr', {}, ['Report', 'Owner', 'Due', 'Time left', 'State'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows.map((r) => r.row)))),
    h('h2', { text: 'Timeline' }),
    h(
      'ol',
      { class: 'timeline', id: 'case-timeline' },
      c.timeline.map((t) =>
        t.kind === 'feedback'
          ? h(
              'li',
              { class: 'feedback' },
              h('time', { datetime: t.at, text: when(t.at) }),
              ` Centre feedback (${t.feedbackKind ?? 'guidance'})`,
              t.body ? renderMarkdown(t.body, { class: 'feedback-body' }) : null,
            )
          : h(
              'li',
              {},
              h('time', { datetime: t.at, text: when(t.at) }),
              ` ${t.kind === 'report' ? 'Report' : t.kind}: ${STAGE_NAMES[t.stage] ?? t.stage}`,
              t.objects !== undefined ? ` (${t.objects} STIX objects)` : '',
              t.body && t.kind !== 'report' ? ` — ${t.body}` : '',
              t.missing?.length
                ? h(
                    'ul',
                    { class: 'missing' },
                    t.missing.map((m) => h('li', { text: `missing: ${m.item} — ${m.detail}` })),
                  )
                : null,
            ),
      ),
    ),
  ];
}

function linksOf(c) {
  return [c.links?.length
    ? h('ul', { id: 'case-links' }, c.links.map((l) => h('li', {}, tlpBadge(l.case.tlp), ' ', h('a', { href: `#/incidents/${l.case.id}`, text: l.case.name }),
      ` (${l.case.reporter}, ${STAGE_NAMES[l.case.stage] ?? l.case.stage}, ${l.case.state}) — ${l.reasons.map((r) => `${r.basis}: ${r.value}`).join('; ')}`)))
    : h('p', { class: 'muted', id: 'case-links', text: 'No linked cases you may read.' })];
}

function nextReportForm(c, bundle, refresh) {
  const order = STAGES[c.regime] ?? STAGES.nis2;
  const reported = new Set(c.timeline.filter((t) => t.kind === 'report').map((t) => t.stage));
  const choices = order.filter((s) => s !== 'early-warning' && !reported.has(s));
  if (!choices.length) return null;
  const stage = select({}, choices.map((s) => [s, STAGE_NAMES[s]]));
  // what the case view says the reports so far still lack: the last report's gaps
  const lastReport = [...c.timeline].reverse().find((t) => t.kind === 'report');
  const missing = lastReport?.missing ?? [];
  const description = h('textarea', { rows: 4 });
  const severity = select({}, [['', 'Keep as reported'], ['info'], ['low'], ['medium'], ['high'], ['critical']]);
  const malicious = select({}, TRISTATE);
  const crossBorder = select({}, TRISTATE);
  const rootCause = h('input', { type: 'text' });
  const mitigation = h('textarea', { rows: 2 });
  const pattern = h('input', { type: 'text', class: 'mono', spellcheck: 'false' });
  const file = h('input', { type: 'file', accept: '.json,application/json,application/stix+json' });
  const form = h('form', { class: 'card', id: 'followup-form', 'aria-labelledby': 'followup-title' },
    h('h2', { id: 'followup-title', text: 'File next report' }),
    field('Stage', stage, { id: 'followup-stage' }),
    missing.length
      ? h(
          'div',
          { id: 'followup-checklist' },
          h('p', { text: 'Still missing from the reports so far:' }),
          h(
            'ul',
            { class: 'checklist' },
            missing.map((m) => h('li', { 'data-item': m.item, text: `${m.item} — ${m.detail}` })),
          ),
        )
      : h('p', { class: 'muted', id: 'followup-checklist', text: 'Nothing listed as missing so far.' }),
    field('Description', description, { id: 'followup-description', hint: 'Replaces the reported description when filled.' }),
    field('Severity', severity, { id: 'followup-severity' }),
    field('Suspected malicious', malicious, { id: 'followup-malicious' }),
    field('Cross-border impact', crossBorder, { id: 'followup-cross-border' }),
    field('Root cause', rootCause, { id: 'followup-root-cause' }),
    field('Mitigation measures', mitigation, { id: 'followup-mitigation' }),
    field('New indicator (STIX pattern)', pattern, { id: 'followup-indicator-0-pattern', hint: "e.g. [domain-name:value = 'evil.example']" }),
    field('Or a STIX 2.1 bundle file instead of the fields', file, { id: 'followup-file', hint: 'The same incident id, a later modified.' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'File report' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    let body;
    let fieldFor = () => undefined;
    if (file.files?.[0]) {
      body = await file.files[0].text();
      try {
        JSON.parse(body);
      } catch {
        return showErrors(
          form,
          Object.assign(new Error(`${file.files[0].name} is not a JSON file: choose a STIX 2.1 bundle saved as JSON.`), { errors: [] }),
          () => undefined,
        );
      }
    } else {
      const values = {
        stage: stage.value,
        description: description.value.trim(),
        severity: severity.value,
        suspectedMalicious: tristate(malicious.value),
        crossBorder: tristate(crossBorder.value),
        rootCause: rootCause.value.trim(),
        mitigation: mitigation.value.trim(),
        indicators: pattern.value.trim() ? [{ pattern: pattern.value.trim() }] : [],
      };
      body = JSON.stringify(followUpBundle(bundle, values));
      fieldFor = (p) => followUpFieldForPointer(p, values.indicators.length);
    }
    const button = form.querySelector('[type=submit]');
    button.disabled = true;
    try {
      await api(`/incidents?stage=${encodeURIComponent(stage.value)}`, { method: 'POST', body, contentType: STIX });
      await refresh(`${STAGE_NAMES[stage.value]} filed.`);
    } catch (error) {
      if (error instanceof ProblemError || error.errors) showErrors(form, error, fieldFor);
      else showErrors(form, Object.assign(new Error(`Not filed: ${error.message}`), { errors: [] }), () => undefined);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

async function post(form, path, body, fieldFor, done) {
  clearErrors(form);
  const button = form.querySelector('[type=submit]');
  button.disabled = true;
  try {
    await api(path, { method: 'POST', body });
    await done();
  } catch (error) {
    showErrors(form, error instanceof ProblemError ? error : Object.assign(new Error(error.message), { errors: [] }), fieldFor);
  } finally {
    button.disabled = false;
  }
}

function feedbackForm(c, path, refresh) {
  const kind = select({}, FEEDBACK_KINDS);
  const body = h('textarea', { rows: 4, required: true });
  const form = h('form', { class: 'card', id: 'feedback-form', 'aria-labelledby': 'feedback-title' },
    h('h2', { id: 'feedback-title', text: "Centre's feedback" }),
    field('Kind', kind, { id: 'feedback-kind' }),
    field('Feedback (Markdown)', body, { id: 'feedback-body' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Send feedback' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    post(form, `${path}/feedback`, { body: body.value, kind: kind.value }, (p) => ({ '/body': 'feedback-body', '/kind': 'feedback-kind' })[p], async () => {
      body.value = '';
      await refresh('Feedback sent.');
    });
  });
  return form;
}

function messageListOf(c) {
  const messages = c.messages ?? [];
  return messages.length
    ? h('ol', { class: 'messages', id: 'case-messages' }, messages.map((m) => h('li', { class: `message message-${m.kind}` },
      tlpBadge(m.tlp), ' ', h('strong', { text: m.from }), ` · ${m.kind} · `, h('time', { datetime: m.at, text: when(m.at) }), renderMarkdown(m.body))))
    : h('p', { class: 'muted', id: 'case-messages', text: 'No messages yet.' });
}

function messageForm(c, path, refresh) {
  const tlp = select({}, TLP_LABELS.filter((t) => rank(t) <= rank(c.tlp)).map((t) => [t]));
  tlp.value = c.tlp;
  const kind = select({}, MESSAGE_KINDS);
  const body = h('textarea', { rows: 3, required: true });
  const form = h('form', { class: 'card', id: 'message-form', 'aria-labelledby': 'message-title' },
    h('h3', { id: 'message-title', text: 'Post a message' }),
    field('Kind', kind, { id: 'message-kind' }),
    field('TLP', tlp, { id: 'message-tlp', hint: "No wider than the case's marking." }),
    field('Message (Markdown)', body, { id: 'message-body' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Post' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    post(
      form,
      `${path}/messages`,
      { body: body.value, kind: kind.value, tlp: tlp.value },
      (p) => ({ '/body': 'message-body', '/kind': 'message-kind', '/tlp': 'message-tlp' })[p],
      async () => {
        body.value = '';
        await refresh('Message posted.');
      },
    );
  });
  return form;
}

function closeControls(c, path, refresh) {
  const finalFiled = c.timeline.some((t) => t.kind === 'report' && t.stage === 'final');
  if (c.state === 'closed') {
    const form = h('form', { class: 'card', id: 'reopen-form' }, h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Reopen case' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      post(form, `${path}/reopen`, {}, () => undefined, () => refresh('Case reopened.'));
    });
    return form;
  }
  const reason = h('input', { type: 'text', maxlength: 2000, required: !finalFiled });
  const form = h('form', { class: 'card', id: 'close-form', 'aria-labelledby': 'close-title' },
    h('h2', { id: 'close-title', text: 'Close the case' }),
    field(finalFiled ? 'Reason (optional)' : 'Reason (required: the final report is not filed)', reason, { id: 'close-reason' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Close case' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    post(
      form,
      `${path}/close`,
      reason.value.trim() ? { reason: reason.value.trim() } : {},
      (p) => (p === '/reason' ? 'close-reason' : undefined),
      () => refresh('Case closed.'),
    );
  });
  return form;
}

/**
 * Issue 18, impact reach in one step: the products and providers the case names as affected, and a
 * link opening the alert form with them as its targeted audience (the centre's analysts only).
 */
function warnExposed(c, bundle) {
  const targets = caseTargets(bundle);
  if (!targets.products.length && !targets.dependsOn.length) return null;
  const query = new URLSearchParams({
    products: JSON.stringify(targets.products),
    dependsOn: targets.dependsOn.join(', '),
    title: `Exposed to: ${c.name}`,
    incident: c.id,
  });
  return h(
    'section',
    { class: 'card', id: 'case-exposed', 'aria-labelledby': 'case-exposed-title' },
    h('h2', { id: 'case-exposed-title', text: 'Affected products and providers' }),
    h('ul', {}, [
      ...targets.products.map((m) => h('li', {}, h('code', { text: matchLine(m) }))),
      ...targets.dependsOn.map((p) => h('li', { text: `provider ${p}` })),
    ]),
    h('p', {}, h('a', { class: 'button primary', id: 'warn-exposed', href: `#/alerts/new?${query}`, text: 'Warn the exposed' })),
  );
}
