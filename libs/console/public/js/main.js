// The console: sign-in, layout (organisation, roles, the TLP of what is on screen) and hash routes.
import { api, session } from './api.js';
import { clear, h } from './dom.js';
import { connectLive } from './live.js';
import { watchPageTlp } from './tlp.js';
import * as signin from './views/signin.js';
import * as inbox from './views/inbox.js';
import * as incidentNew from './views/incident-new.js';
import * as incidentCase from './views/incident-case.js';
import * as incidents from './views/incidents.js';
import * as alertNew from './views/alert-new.js';
import * as receipts from './views/receipts.js';
import * as sent from './views/sent.js';
import * as meetings from './views/meetings.js';
import * as meeting from './views/meeting.js';
import * as insights from './views/insights.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let me = null;
let stopLive = null;
let viewControl = null;

const routes = [
  [/^\/inbox$/, inbox],
  [/^\/incidents\/new$/, incidentNew],
  [/^\/incidents\/(?<id>[^/]+)$/, incidentCase],
  [/^\/incidents$/, incidents],
  [/^\/alerts\/new$/, alertNew],
  [/^\/advisories\/(?<id>[0-9a-f-]{36})$/, receipts],
  [/^\/sent$/, sent],
  [/^\/meetings\/new$/, meetings, { create: true }],
  [/^\/meetings\/(?<id>[^/]+)$/, meeting],
  [/^\/meetings$/, meetings],
  [/^\/insights$/, insights],
];

function navItems() {
  const roles = new Set(me.roles);
  const centre = me.organisation.kind === 'centre';
  return [
    ['#/inbox', 'Inbox', true],
    ['#/incidents/new', 'File an incident', roles.has('reporter')],
    ['#/incidents', 'Incidents', true],
    ['#/alerts/new', 'Issue an alert', centre && roles.has('analyst')],
    ['#/sent', 'Sent and receipts', roles.has('analyst')],
    ['#/meetings', 'Meetings', roles.has('coordinator')],
    ['#/insights', 'Insights', true],
  ].filter(([, , shown]) => shown);
}

function renderLayout() {
  const who = document.getElementById('who');
  const signout = document.getElementById('signout');
  if (!me) {
    who.replaceChildren();
    nav.hidden = true;
    signout.hidden = true;
    return;
  }
  who.replaceChildren(
    h('span', { class: 'org', id: 'who-org', text: `${me.organisation.slug}` }),
    h('span', { class: 'org-kind', text: ` (${me.organisation.kind}${me.organisation.sector ? ', ' + me.organisation.sector : ''})` }),
    h('span', { class: 'roles', id: 'who-roles' }, me.roles.map((r) => h('span', { class: 'role', text: r }))),
  );
  signout.hidden = false;
  nav.hidden = false;
  nav.replaceChildren(h('ul', {}, navItems().map(([href, text]) => h('li', {}, h('a', { href, text })))));
}

function markCurrent(path) {
  for (const a of nav.querySelectorAll('a')) {
    if (`#${path}` === a.getAttribute('href')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  viewControl?.abort();
  viewControl = new AbortController();
  const path = location.hash.replace(/^#/, '') || '/';
  if (!session.key() || !me) {
    if (!session.key() || !(await loadMe())) {
      renderLayout();
      clear(main);
      return signin.render(main, { onSignedIn });
    }
  }
  if (path === '/' || path === '/signin') {
    location.replace('#/inbox');
    return;
  }
  markCurrent(path);
  const found = routes.map(([re, view, extra]) => ({ match: re.exec(path), view, extra })).find((r) => r.match);
  clear(main);
  if (!found) {
    main.append(h('h1', { text: 'Not found' }), h('p', {}, 'No page at ', h('code', { text: path }), '. ', h('a', { href: '#/inbox', text: 'Go to the inbox' })));
    return;
  }
  try {
    await found.view.render(main, { me, params: found.match.groups ?? {}, signal: viewControl.signal, ...(found.extra ?? {}) });
  } catch (error) {
    main.append(h('div', { class: 'form-errors', role: 'alert' }, h('p', { text: `Could not load this page: ${error.message}` })));
  }
  document.title = `${main.querySelector('h1')?.textContent ?? 'console'} · isac-hub`;
}

async function loadMe() {
  try {
    me = await api('/me');
    renderLayout();
    stopLive?.();
    const status = document.getElementById('live-status');
    stopLive = connectLive((state) => {
      status.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
      status.dataset.state = state;
    });
    return true;
  } catch {
    session.clear();
    me = null;
    return false;
  }
}

async function onSignedIn() {
  if (await loadMe()) {
    if (location.hash === '#/inbox') route();
    else location.hash = '#/inbox';
    return true;
  }
  return false;
}

function signOut() {
  session.clear();
  me = null;
  stopLive?.();
  stopLive = null;
  document.getElementById('live-status').textContent = '';
  location.hash = '#/signin';
  route();
}

document.getElementById('signout').addEventListener('click', signOut);
document.getElementById('skip').addEventListener('click', () => main.focus());
window.addEventListener('isac:unauthorised', () => me && signOut());
window.addEventListener('hashchange', route);
watchPageTlp(main, document.getElementById('page-tlp'));
route();
