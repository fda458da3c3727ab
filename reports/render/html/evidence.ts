// Structured evidence (a check's `evidence` record: matrices, estimates, counts) as HTML:
// arrays of records become tables, records become key/value tables, the rest is text.
import { escapeHtml as h } from '../escape';

const MAX_DEPTH = 4;

export function renderValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '<span class="muted">–</span>';
  if (typeof value !== 'object') return h(String(value));
  if (depth >= MAX_DEPTH) return `<code>${h(JSON.stringify(value))}</code>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="muted">[]</span>';
    if (value.every(isRecord)) return recordsTable(value as Record<string, unknown>[], depth);
    return value.map((v) => renderValue(v, depth + 1)).join(', ');
  }
  return keyValueTable(value as Record<string, unknown>, depth);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function recordsTable(rows: Record<string, unknown>[], depth: number): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = columns.map((c) => `<th>${h(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${renderValue(r[c], depth + 1)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function keyValueTable(record: Record<string, unknown>, depth = 0): string {
  const rows = Object.entries(record)
    .map(([k, v]) => `<tr><th>${h(k)}</th><td>${renderValue(v, depth + 1)}</td></tr>`)
    .join('');
  return `<table>${rows}</table>`;
}
