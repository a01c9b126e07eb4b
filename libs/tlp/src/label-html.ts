// How a TLP label is shown in an HTML document (FIRST TLP 2.0, "Colour-coding in RGB" and "Usage in
// documents"): display only, no decision. Shared by every exported document (agendas, reports).
import type { TlpLabel } from './labels.js';

/**
 * The label is written in its colour on a black background — RED 255,43,43; AMBER 255,192,0 (also
 * for AMBER+STRICT); GREEN 51,255,0; CLEAR 255,255,255.
 */
export const TLP_FONT_COLOURS: Readonly<Record<TlpLabel, string>> = Object.freeze({
  'TLP:RED': '#FF2B2B',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:AMBER': '#FFC000',
  'TLP:GREEN': '#33FF00',
  'TLP:CLEAR': '#FFFFFF',
});
export const TLP_BACKGROUND = '#000000';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** The label exactly as FIRST shows it: label text in its colour on black. */
export function tlpBadgeHtml(tlp: TlpLabel): string {
  return `<span class="tlp" style="color:${TLP_FONT_COLOURS[tlp]};background-color:${TLP_BACKGROUND}">${escapeHtml(tlp)}</span>`;
}
