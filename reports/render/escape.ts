// Escaping for every output format. Students choose their resource names and tags, so every
// value that came from AWS goes through one of these before it reaches a renderer's string.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const CONTROL_AND_NEWLINES = /[\u0000-\u001f\u007f]/g;
// Bidirectional overrides can make text read differently from what it is ("trojan source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes control characters visible (U+2400 Control Pictures: ESC shows as ␛) instead of
 * letting them reach a terminal, an XML parser or a spreadsheet. Tab and newlines are kept,
 * or become spaces when `singleLine`.
 */
export function visibleControls(text: string, singleLine = false): string {
  return (singleLine ? text.replace(/\r\n|[\t\n\r]/g, ' ') : text)
    .replace(singleLine ? CONTROL_AND_NEWLINES : CONTROL, (c) => {
      const code = c.charCodeAt(0);
      return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
    })
    .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML element's content or a quoted attribute value (both quote kinds escaped). */
export function escapeHtml(value: unknown): string {
  return visibleControls(String(value ?? '')).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** Text for XML content or attributes: the five entities, and no character XML 1.0 forbids. */
export function escapeXml(value: unknown): string {
  return visibleControls(String(value ?? ''))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Text for Markdown (GitHub comments, forums), escaping only what Markdown would misread, so
 * `ap-northeast-2` and `20:53:12` stay as they are: HTML-special characters as entities (no raw
 * HTML), a backslash before the characters of inline markup (code, emphasis, links and images,
 * table pipes, strikethrough, math), before whatever would open a block at the start of the
 * value (heading, quote, list item), and newlines folded so a value cannot start a new block
 * or break a table row.
 */
export function escapeMarkdown(value: unknown): string {
  return visibleControls(String(value ?? ''), true)
    .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length))
    .replace(/^([#+\-=]|\d+(?=[.)]))/, (start) => (/^\d/.test(start) ? `${start}\\` : `\\${start}`));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
 * leading apostrophe (OWASP's CSV injection advice). Numbers are written as they are.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = visibleControls(String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}
