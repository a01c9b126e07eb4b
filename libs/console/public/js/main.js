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
import * as majorIncidents from './views/major-incidents.js';
import * as majorIncident from './views/major-incident.js';
import * as register from './views/register.js';
import * as infrastructure from './views/infrastructure.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let me = null;
let stopLive = null;
let viewControl = null;

// what each page needs of the key (the README's role table): a page the key cannot use is neither
// offered in the navigation nor drawn, so no control the API would refuse is shown
const analyst = (roles) => roles.has('analyst');
const readsCases = (roles) => roles.has('analyst') || roles.has('reporter');
const coordinator = (roles) => roles.has('coordinator');
const routes = [
  [/^\/inbox$/, inbox, analyst],
  [/^\/incidents\/new$/, incidentNew, (roles) => roles.has('reporter')],
  [/^\/incidents\/(?<id>[^/]+)$/, incidentCase, readsCases],
  [/^\/incidents$/, incidents, readsCases],
  // ?products=…&dependsOn=…&incident=…: prefilled from a case's reach ("Warn the exposed")
  [/^\/alerts\/new(?:\?(?<query>.*))?$/, alertNew, (roles, centre) => centre && analyst(roles)],
  [/^\/advisories\/(?<id>[0-9a-f-]{36})$/, receipts, analyst],
  [/^\/sent$/, sent, analyst],
  [/^\/meetings\/new$/, meetings, coordinator, { create: true }],
  // a participant's analyst proposes items and reads the published agenda (the API says which meetings)
  [/^\/meetings\/(?<id>[^/]+)$/, meeting, (roles) => coordinator(roles) || analyst(roles)],
  [/^\/meetings$/, meetings, (roles) => coordinator(roles) || analyst(roles)],
  [/^\/insights$/, insights, analyst],
  [/^\/major-incidents\/(?<id>[0-9a-f-]{36})$/, majorIncident, analyst],
  [/^\/major-incidents$/, majorIncidents, analyst],
  [/^\/infrastructure$/, register, analyst],
  [/^\/infrastructure\/overview$/, infrastructure, analyst, { view: 'overview' }],
  [/^\/infrastructure\/graph$/, infrastructure, analyst, { view: 'graph' }],
];

const allowed = (may) => may(new Set(me.roles), me.organisation.kind === 'centre');
const pageOf = (path) => routes.find(([re]) => re.test(path));

function navItems() {
  return [
    ['#/inbox', 'Inbox'],
    ['#/incidents/new', 'File an incident'],
    ['#/incidents', 'Incidents'],
    ['#/alerts/new', 'Issue an alert'],
    ['#/sent', 'Sent and receipts'],
    ['#/meetings', 'Meetings'],
    ['#/insights', 'Insights'],
    ['#/major-incidents', 'Major incidents'],
    ['#/infrastructure', 'Register'],
    ['#/infrastructure/overview', 'Infrastructure overview'],
    ['#/infrastructure/graph', 'Dependency graph'],
  ].filter(([href]) => allowed(pageOf(href.slice(1))[2]));
}

/** Where a key lands: the inbox for an analyst, its cases for a reporter, meetings for a coordinator; else none. */
const landing = () => ['#/inbox', '#/incidents', '#/meetings'].find((href) => allowed(pageOf(href.slice(1))[2])) ?? null;

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
  const home = landing();
  if ((path === '/' || path === '/signin') && home) {
    location.replace(home);
    return;
  }
  markCurrent(path);
  const found = routes.map(([re, view, may, extra]) => ({ match: re.exec(path), view, may, extra })).find((r) => r.match);
  clear(main);
  const away = home ? h('a', { href: home, text: 'Go to your first page' }) : '';
  if (!home) {
    main.append(
      h('h1', { text: 'Nothing to show' }),
      h('p', {
        text: `This key's roles (${me.roles.join(', ')}) have no page in the console: reading is the analyst's, filing incidents the reporter's, meetings the coordinator's. Keys and members are managed with the CLI.`,
      }),
    );
    return;
  }
  if (!found) {
    main.append(h('h1', { text: 'Not found' }), h('p', {}, 'No page at ', h('code', { text: path }), '. ', away));
    return;
  }
  if (!allowed(found.may)) {
    main.append(h('h1', { text: 'Not for this key' }), h('p', {}, `This page needs a role this key does not have (it has ${me.roles.join(', ')}). `, away));
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
    stopLive = null;
    const status = document.getElementById('live-status');
    status.textContent = '';
    // live updates are of the inbox and receipts, which are the analyst's, and of the cases an analyst or a reporter reads
    if (me.roles.includes('analyst') || me.roles.includes('reporter')) {
      stopLive = connectLive((state) => {
        status.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
        status.dataset.state = state;
      });
    }
    return true;
  } catch {
    session.clear();
    me = null;
    return false;
  }
}

async function onSignedIn() {
  if (await loadMe()) {
    const home = landing() ?? '#/';
    if (location.hash === home) route();
    else location.hash = home;
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
