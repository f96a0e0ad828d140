/** Escaping text for XML exports (VTU, SVG). */

/** Text escaped for an XML attribute value or element body. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch);
}

/** Text made safe inside an XML comment, which may not contain `--`. */
export function xmlCommentText(text: string): string {
  return text.replace(/-{2,}/g, (dashes) => dashes.split('').join(' ')).replace(/-$/, '- ');
}
