// Builds DOM nodes without innerHTML, so nothing received from the API is ever parsed as markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) el.setAttribute(name, String(value));
  for (const child of children.flat(Infinity))
    if (child !== undefined && child !== null) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function announce(message) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => (region.textContent = message), 50);
}

/** "1 item", "2 items": counted in the number the count takes. */
export const counted = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const when = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** "in 23 h 10 min" / "4 h 2 min ago" */
export function countdown(iso, now = Date.now()) {
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const hr = Math.floor((abs % 86_400_000) / 3_600_000);
  const min = Math.floor((abs % 3_600_000) / 60_000);
  const text = d > 0 ? `${d} d ${hr} h` : hr > 0 ? `${hr} h ${min} min` : `${min} min`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}
