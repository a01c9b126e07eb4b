// Advisory and alert bodies are Markdown written by other organisations. This renders the subset
// authors use — paragraphs, headings, lists, emphasis, strong, code, code blocks, http(s) links —
// by building DOM nodes (createElement, text nodes) only: nothing received is ever parsed as HTML,
// so raw HTML in a body stays visible text and no attribute or URL but an http(s) href is written.
// No library: the console has no build step and serves only its own files (README, Web console).
import { h } from './dom.js';

const SAFE_URL = /^https?:\/\/[^\s<>"]+$/i;

/** Inline Markdown of one block's text as nodes: `code`, **strong**, *em* / _em_, [text](http…), <http…>. */
export function inline(text) {
  const nodes = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(document.createTextNode(plain));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let m;
    if (rest[0] === '\\' && /^\\[\\`*_[\]()<>#+\-.!]/.test(rest)) {
      plain += rest[1];
      i += 2;
      continue;
    }
    if ((m = /^(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/.exec(rest))) {
      flush();
      nodes.push(h('code', { text: m[2].trim() || m[2] }));
      i += m[0].length;
      continue;
    }
    // a link only with an http(s) target; anything else ([x](javascript:…)) stays as typed
    if ((m = /^\[([^\]\n]+)\]\(([^()\s]+)\)/.exec(rest)) && SAFE_URL.test(m[2])) {
      flush();
      nodes.push(h('a', { href: m[2], rel: 'noopener noreferrer nofollow', target: '_blank' }, inline(m[1])));
      i += m[0].length;
      continue;
    }
    if ((m = /^<(https?:\/\/[^\s<>"]+)>/i.exec(rest))) {
      flush();
      nodes.push(h('a', { href: m[1], rel: 'noopener noreferrer nofollow', target: '_blank', text: m[1] }));
      i += m[0].length;
      continue;
    }
    // emphasis needs a non-space just inside its markers; underscores only at word edges (so window.__x stays as is)
    const before = i > 0 ? text[i - 1] : ' ';
    if ((m = /^\*\*(?=\S)([\s\S]*?\S)\*\*/.exec(rest)) || (!/\w/.test(before) && (m = /^__(?=\S)([\s\S]*?\S)__(?!\w)/.exec(rest)))) {
      flush();
      nodes.push(h('strong', {}, inline(m[1])));
      i += m[0].length;
      continue;
    }
    if ((m = /^\*(?=[^\s*])([^*]*?[^\s*])\*/.exec(rest)) || (!/\w/.test(before) && (m = /^_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/.exec(rest)))) {
      flush();
      nodes.push(h('em', {}, inline(m[1])));
      i += m[0].length;
      continue;
    }
    plain += rest[0];
    i += 1;
  }
  flush();
  return nodes;
}

const BULLET = /^\s{0,3}[-*+]\s+/;
const NUMBER = /^\s{0,3}\d{1,9}[.)]\s+/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

/**
 * The body as an element (`<div class="markdown">`) holding block nodes. Headings are shown one
 * level down from where they stand (an h1 in a body would compete with the page's own), from h3.
 */
export function renderMarkdown(source, attrs = {}) {
  const root = h('div', { ...attrs, class: ['markdown', attrs.class].filter(Boolean).join(' ') });
  const lines = String(source ?? '').replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
      continue;
    }
    let m;
    if ((m = FENCE.exec(line))) {
      const fence = m[1];
      const code = [];
      i += 1;
      while (i < lines.length && !lines[i].trimStart().startsWith(fence)) code.push(lines[i++]);
      i += 1;
      root.append(h('pre', {}, h('code', { text: code.join('\n') })));
      continue;
    }
    if ((m = HEADING.exec(line))) {
      root.append(h(`h${Math.min(6, m[1].length + 2)}`, {}, inline(m[2])));
      i += 1;
      continue;
    }
    if (BULLET.test(line) || NUMBER.test(line)) {
      const marker = BULLET.test(line) ? BULLET : NUMBER;
      const list = h(marker === BULLET ? 'ul' : 'ol', {});
      while (i < lines.length && marker.test(lines[i])) {
        const item = [lines[i].replace(marker, '')];
        i += 1;
        // a continuation line: indented, not a new item
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !marker.test(lines[i])) item.push(lines[i++].trim());
        list.append(h('li', {}, inline(item.join(' '))));
      }
      root.append(list);
      continue;
    }
    const paragraph = [];
    while (i < lines.length && lines[i].trim() && !FENCE.test(lines[i]) && !HEADING.test(lines[i]) && !BULLET.test(lines[i]) && !NUMBER.test(lines[i])) paragraph.push(lines[i++]);
    // a line break inside a paragraph is kept (bodies are often typed as short lines)
    root.append(h('p', {}, paragraph.flatMap((text, n) => (n ? [h('br'), ...inline(text)] : inline(text)))));
  }
  return root;
}
