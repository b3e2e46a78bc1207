// Text for HTML and SVG: evidence strings (UIDs, subjects, paths) are attacker-controlled, so every
// one is shown as text: control and bidi characters as escapes, then markup characters as entities.

import { escapeText } from './escape.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return escapeText(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
