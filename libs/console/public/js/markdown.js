// Advisory and alert bodies, feedback and case messages are Markdown written by other
// organisations. They are parsed by marked (CommonMark and GitHub's extensions) and the HTML it
// makes is sanitised by DOMPurify into a DocumentFragment: no innerHTML of anything unsanitised, and
// the fragment is built in an inert document, so nothing in a body runs while it is cleaned.
// Both libraries are served by the hub itself at /console/vendor/ (libs/console/src/console-vendor.ts):
// the page's CSP allows scripts of its own origin only.
import { Marked } from '../vendor/marked.esm.js';
import createDOMPurify from '../vendor/purify.es.mjs';

// what a Markdown body may become: the elements Markdown makes, without images (a picture from another
// origin would be a tracking beacon, and the CSP forbids it anyway) or raw HTML of any kind
const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start', 'align'];
const SAFE_URL = /^(?:https?:|mailto:)/i;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const marked = new Marked({
  gfm: true,
  // a line break inside a paragraph is kept: bodies are often typed as short lines
  breaks: true,
  renderer: {
    // raw HTML in a body is shown as the text it is, never as markup (a block of it as a paragraph)
    html: ({ text, block }) => (block ? `<p>${escape(text.trim()).replace(/\n/g, '<br>')}</p>\n` : escape(text)),
    // headings one level down from where they stand (an h1 in a body would compete with the page's own)
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // a link only to http(s) or mailto; anything else ([x](javascript:…)) stays as it was typed
    link: (token) => (SAFE_URL.test(token.href) ? false : escape(token.raw)),
    // an image is shown as a link to it, so a body loads nothing from elsewhere
    image({ href, text, raw }) {
      return SAFE_URL.test(href) ? `<a href="${escape(href)}">${escape(text || href)}</a>` : escape(raw);
    },
    // task-list checkboxes would be form controls: shown as text
    checkbox: ({ checked }) => (checked ? '[x] ' : '[ ] '),
  },
});

const purify = createDOMPurify(window);
// every link opens in a new tab that cannot reach back to the console, nor tell where it came from
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/** The sanitised nodes of a Markdown source, as a DocumentFragment. */
export function markdownFragment(source) {
  const html = marked.parse(String(source ?? ''), { async: false });
  return purify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP: SAFE_URL, ALLOW_DATA_ATTR: false, RETURN_DOM_FRAGMENT: true });
}

/** The body as an element (`<div class="markdown">`) holding its formatted, sanitised content. */
export function renderMarkdown(source, attrs = {}) {
  const root = document.createElement('div');
  for (const [name, value] of Object.entries(attrs)) if (name !== 'class' && value !== undefined && value !== null) root.setAttribute(name, String(value));
  root.className = ['markdown', attrs.class].filter(Boolean).join(' ');
  root.append(markdownFragment(source));
  return root;
}
