// One meeting. The coordinator drafts the agenda, edits it (reorder, time boxes, add, remove, put a
// proposal on it), publishes it, and corrects a published agenda as a new version. A participant's
// analyst proposes items while it is a draft and reads the published agenda and its versions.
import { api, download } from '../api.js';
import { confirmAction } from '../dialog.js';
import { announce, append, counted, h, when } from '../dom.js';
import { tlpBadge } from '../tlp.js';
import { addItemForm, agendaList, proposalList } from './agenda-editor.js';
import { periodLine, proposalForm, versionsSection } from './meeting-parts.js';

export async function render(main, { me, params }) {
  const id = params.id;
  const status = h('p', { class: 'status', role: 'status', id: 'agenda-status' });
  const container = h('div', {});
  main.append(h('p', {}, h('a', { href: '#/meetings', text: '← Meetings' })), container);

  let meeting;
  let agenda;
  let correction = null;
  let proposals = [];
  let versions = null;
  let coordinating = false;
  const note = h('textarea', { id: 'correction-note', rows: 2, maxlength: 2000 });

  const load = async () => {
    meeting = await api(`/meetings/${id}`);
    agenda = meeting.agenda;
    correction = meeting.correction ?? null;
    coordinating = meeting.coordinator === me.organisation.slug && me.roles.includes('coordinator');
    [proposals, versions] = await Promise.all([
      api(`/meetings/${id}/proposals`).then((r) => r.proposals),
      meeting.state !== 'draft' ? api(`/meetings/${id}/agenda/versions`) : null,
    ]);
  };

  // the agenda being worked on: the open correction, else the draft
  const working = () => correction ?? agenda;
  const editable = () => coordinating && (correction !== null || meeting.state === 'draft');

  // after a re-render, keyboard focus returns to the control that made the change (on the moved item)
  const edit = async (operations, message, refocus) => {
    try {
      const answer = await api(`/meetings/${id}/${correction ? 'agenda/correction' : 'agenda'}`, { method: 'PATCH', body: { operations } });
      if (correction) correction = answer.agenda;
      else agenda = answer.agenda;
      if (operations.some((o) => o.op === 'accept' || o.op === 'remove')) proposals = (await api(`/meetings/${id}/proposals`)).proposals;
      status.textContent = message;
      announce(message);
      draw();
      const target = (refocus ?? []).map((selector) => container.querySelector(selector)).find(Boolean);
      target?.focus();
    } catch (error) {
      status.textContent = `Not changed: ${error.message}`;
    }
  };

  const actions = () => {
    const shown = working();
    const draft = meeting.state === 'draft';
    return h('div', { class: 'form-actions' },
      coordinating && draft ? h('button', { type: 'button', id: 'draft-agenda', text: agenda ? 'Draft again' : 'Draft the agenda', onclick: redraft }) : null,
      coordinating && draft && agenda ? h('button', { type: 'button', class: 'primary', id: 'publish-agenda', text: 'Publish', onclick: publish }) : null,
      coordinating && meeting.state === 'published' && !correction
        ? h('button', { type: 'button', id: 'correct-agenda', text: 'Correct', onclick: startCorrection })
        : null,
      coordinating && correction
        ? h('button', {
            type: 'button',
            class: 'primary',
            id: 'publish-correction',
            text: `Publish version ${(meeting.agendaVersion ?? 1) + 1}`,
            onclick: publishCorrection,
          })
        : null,
      coordinating && correction ? h('button', { type: 'button', id: 'discard-correction', text: 'Discard the correction', onclick: discardCorrection }) : null,
      shown && agenda
        ? h('button', { type: 'button', id: 'download-md', text: 'Download .md', onclick: () => download(`/meetings/${id}/agenda.md`, 'agenda.md') })
        : null,
      shown && agenda
        ? h('button', { type: 'button', id: 'download-html', text: 'Download .html', onclick: () => download(`/meetings/${id}/agenda.html`, 'agenda.html') })
        : null,
      shown && agenda
        ? h('button', { type: 'button', id: 'download-ics', text: 'Download .ics', onclick: () => download(`/meetings/${id}/meeting.ics`, 'meeting.ics') })
        : null,
    );
  };

  const proposalsSection = () => {
    const open = meeting.state === 'draft';
    const participant = meeting.participants.includes(me.organisation.slug);
    return h('section', { 'aria-labelledby': 'proposals-h', id: 'agenda-proposals' }, h('h2', { id: 'proposals-h', text: 'Proposed items' }),
      !coordinating && participant && open ? proposalForm(meeting, async (proposal) => {
        proposals = (await api(`/meetings/${id}/proposals`)).proposals;
        status.textContent = `Proposed: ${proposal.title}. The coordinator puts it on the agenda.`;
        announce(status.textContent);
        draw();
      }) : null,
      !coordinating && !open ? h('p', { class: 'hint', text: 'Proposals are taken while the meeting is a draft.' }) : null,
      proposalList(proposals, { canAccept: editable() && working() !== null, edit }));
  };

  const draw = () => {
    const shown = working();
    const excluded = coordinating ? shown?.excluded ?? [] : [];
    // left out items this organisation may not read either: only their number (DESIGN §2)
    const unlisted = coordinating ? shown?.excludedUnlisted ?? 0 : 0;
    const version = meeting.agendaVersion ? ` · version ${meeting.agendaVersion}` : '';
    container.replaceChildren();
    append(container, [
      h('div', { class: 'case-head' }, tlpBadge(shown?.tlp ?? meeting.tlp), h('h1', { text: meeting.title })),
      h('p', {
        class: 'meta',
        id: 'meeting-state',
        text: [
          `${meeting.state}${version}`,
          `${when(meeting.startsAt)} – ${when(meeting.endsAt)}`,
          meeting.location ?? meeting.onlineUrl,
          meeting.participants.join(', '),
        ]
          .filter(Boolean)
          .join(' · '),
      }),
      correction
        ? h('p', {
            class: 'notice',
            id: 'correction-notice',
            text: `Correcting version ${meeting.agendaVersion ?? 1}: participants keep seeing it until you publish this as version ${(meeting.agendaVersion ?? 1) + 1}.`,
          })
        : null,
      correction
        ? h('div', { class: 'field' }, h('label', { for: note.id, text: 'What changed, in your words (optional; the hub lists the changes itself)' }), note)
        : null,
      actions(),
      status,
      periodLine(shown),
      shown
        ? h('p', {
            class: 'meta',
            text: `${shown.totalMinutes} of ${shown.availableMinutes} minutes${shown.overTimeMinutes ? `, ${shown.overTimeMinutes} over time` : ''}. ${editable() ? 'Drag items or use the arrows to reorder; change a time box in its minutes field.' : ''}`,
          })
        : h('p', {
            text: coordinating
              ? 'No agenda yet: draft one from what happened since the previous meeting of the series.'
              : meeting.state === 'draft'
                ? 'The agenda is not published yet.'
                : 'The agenda is not readable for your organisation.',
          }),
      shown
        ? h(
            'section',
            { 'aria-labelledby': 'agenda-h' },
            h('h2', { id: 'agenda-h', text: correction ? 'Agenda (correction, not published)' : 'Agenda' }),
            agendaList(shown, { editable: editable(), edit, status }),
          )
        : null,
      editable() && shown ? addItemForm(meeting.participants, { edit, status }) : null,
      coordinating && shown?.deferred?.length
        ? h(
            'section',
            {},
            h('h2', { text: 'Deferred (did not fit)' }),
            h(
              'ul',
              {},
              shown.deferred.map((d) => h('li', { text: d.title ?? d.id })),
            ),
          )
        : null,
      excluded.length || unlisted
        ? h(
            'section',
            { 'aria-labelledby': 'excluded-h', id: 'agenda-excluded' },
            h('h2', { id: 'excluded-h', text: 'Left out for TLP' }),
            h('p', { class: 'hint', text: 'Some participant may not read these sources, so they stay off the shared agenda.' }),
            excluded.length
              ? h(
                  'ul',
                  {},
                  excluded.map((x) =>
                    h('li', { class: 'excluded' }, h('strong', { text: x.title }), ` (${x.kind}): `, h('span', { class: 'reason', text: x.reason })),
                  ),
                )
              : null,
            unlisted
              ? h('p', {
                  class: 'meta',
                  id: 'agenda-excluded-unlisted',
                  text: `${unlisted} ${unlisted === 1 ? 'item' : 'items'} left out for TLP that your organisation may not read either: not described.`,
                })
              : null,
          )
        : null,
      proposalsSection(),
      versionsSection(versions),
    ]);
  };

  // edits live in the agenda: drafting again starts over from what happened, so say so first
  async function redraft() {
    if (
      agenda &&
      !(await confirmAction({
        title: 'Draft the agenda again?',
        message: [
          'A new draft replaces this agenda: the order, time boxes and every other change made to it are lost.',
          'Items proposed by participants and open action items are gathered again.',
        ],
        action: 'Discard my edits and draft again',
        danger: true,
      }))
    ) {
      status.textContent = 'Not drafted again: your edits are kept.';
      return;
    }
    status.textContent = 'Drafting…';
    try {
      ({ agenda } = await api(`/meetings/${id}/agenda/draft`, { method: 'POST' }));
      proposals = (await api(`/meetings/${id}/proposals`)).proposals;
      const leftOut = agenda.excluded.length + (agenda.excludedUnlisted ?? 0);
      status.textContent = `Drafted: ${counted(agenda.items.length, 'item')}${leftOut ? `, ${leftOut} left out for TLP` : ''}.`;
      draw();
    } catch (error) {
      status.textContent = `Not drafted: ${error.message}`;
    }
  }

  async function publish() {
    const confirmed = await confirmAction({
      title: 'Publish the agenda?',
      message: [
        `It goes to ${meeting.participants.join(', ')} as an advisory under ${agenda?.tlp ?? meeting.tlp}.`,
        'After publishing, changes go out as a corrected version: "Correct" opens one.',
      ],
      action: 'Publish to the participants',
    });
    if (!confirmed) {
      status.textContent = 'Not published.';
      return;
    }
    try {
      await api(`/meetings/${id}/publish`, { method: 'POST' });
      await load();
      status.textContent = 'Published: the agenda went to the participants.';
      draw();
    } catch (error) {
      status.textContent = `Not published: ${error.message}`;
    }
  }

  async function startCorrection() {
    try {
      ({ agenda: correction } = await api(`/meetings/${id}/agenda/correction`, { method: 'POST' }));
      status.textContent = `Correcting version ${meeting.agendaVersion ?? 1}: edit the copy, then publish it.`;
      draw();
      container.querySelector('#agenda-items .move-down:not(:disabled), #agenda-items input.minutes')?.focus();
    } catch (error) {
      status.textContent = `Not opened: ${error.message}`;
    }
  }

  async function publishCorrection() {
    const next = (meeting.agendaVersion ?? 1) + 1;
    const confirmed = await confirmAction({
      title: `Publish version ${next} of the agenda?`,
      message: [
        `It goes to ${meeting.participants.join(', ')} as an advisory under ${correction.tlp}, listing what changed.`,
        `Version ${next - 1} stays readable as it went out; version ${next} becomes the current one.`,
      ],
      action: `Publish version ${next}`,
    });
    if (!confirmed) {
      status.textContent = `Not published: the correction is kept.`;
      return;
    }
    try {
      const published = await api(`/meetings/${id}/agenda/versions`, { method: 'POST', body: note.value.trim() ? { note: note.value.trim() } : {} });
      note.value = '';
      await load();
      status.textContent = `Published version ${published.version}: ${published.changes.join('; ')}.`;
      announce(status.textContent);
      draw();
    } catch (error) {
      status.textContent = `Not published: ${error.message}`;
    }
  }

  async function discardCorrection() {
    const confirmed = await confirmAction({
      title: 'Discard the correction?',
      message: ['Its changes are lost; the current version stays as it is.'],
      action: 'Discard the correction',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api(`/meetings/${id}/agenda/correction`, { method: 'DELETE' });
      correction = null;
      status.textContent = 'Correction discarded.';
      draw();
    } catch (error) {
      status.textContent = `Not discarded: ${error.message}`;
    }
  }

  await load();
  draw();
}
