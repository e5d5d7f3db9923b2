const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const htmlSpecial = /[&<>"']/g;

/** Escape text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(htmlSpecial, (ch) => htmlEscapes[ch]);
}

const scriptUnsafe = /[<>&\u2028\u2029]/g;

/**
 * JSON for a `<script type="application/json">` data block: `<`, `>` and `&` become `\u003c`
 * and friends, so article text such as `</script>` can never end the block early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(scriptUnsafe, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
