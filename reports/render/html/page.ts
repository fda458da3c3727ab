// The shell of every HTML report: one self-contained file, inline CSS and one small inline
// script (table sorting), and a Content-Security-Policy that allows exactly those two by hash
// and nothing else: no network fetch of any kind, and no script that slipped into the page
// could run even if escaping ever failed.
import { createHash } from 'node:crypto';
import { escapeHtml as h } from '../escape';
import type { Lang } from '../i18n';

const STYLE = `
:root { --pass:#1a7f37; --fail:#cf222e; --error:#b35900; --na:#6e7781; --waived:#8250df; --blocked:#82071e; --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", NanumGothic, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 22px 0 8px; }
a { color: #0969da; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "NanumGothicCoding", monospace; font-size: 13px; }
pre { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; word-break: break-word; }
th { background: var(--bg); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th[data-sort] { cursor: pointer; }
th[data-sort]::after { content: " ⇅"; color: var(--muted); font-weight: 400; }
.meta { color: var(--muted); margin: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.meta b { color: var(--ink); font-weight: 600; }
.hero { display: flex; flex-wrap: wrap; gap: 24px; align-items: center; margin: 18px 0; }
.total { font-size: 44px; font-weight: 700; line-height: 1; }
.total small { font-size: 18px; color: var(--muted); font-weight: 500; }
.stamp { display: inline-block; border: 3px solid var(--fail); color: var(--fail); font-weight: 800; letter-spacing: 2px; padding: 4px 12px; transform: rotate(-4deg); border-radius: 6px; margin: 8px 0; }
.banner { background: #fff1f0; border: 1px solid #ffb3ad; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 700; color: #fff; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
.badge.not-applicable { background: var(--na); } .badge.waived { background: var(--waived); } .badge.blocked { background: var(--blocked); }
.sev { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; }
details.check { border: 1px solid var(--line); border-left: 5px solid var(--na); border-radius: 6px; margin: 8px 0; padding: 0 12px; }
details.check.pass { border-left-color: var(--pass); } details.check.fail { border-left-color: var(--fail); }
details.check.error { border-left-color: var(--error); } details.check.waived { border-left-color: var(--waived); } details.check.blocked { border-left-color: var(--blocked); }
details.check > summary { cursor: pointer; padding: 8px 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
details.check > summary .pts { margin-left: auto; font-variant-numeric: tabular-nums; color: var(--muted); }
details.check[open] > summary { border-bottom: 1px solid var(--line); margin-bottom: 8px; }
.label { font-weight: 600; margin: 10px 0 4px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.waiverbox { background: #fbefff; border: 1px solid #d8b9ff; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.fixlist li { margin: 4px 0; }
.counts span { margin-right: 10px; }
.chart { width: 100%; height: auto; display: block; margin: 6px 0 10px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: var(--muted); margin: 0 0 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.sw-ok { background: #2da44e; } .sw-err { background: var(--fail); } .sw-p50 { background: #0969da; } .sw-p95 { background: #bf8700; } .sw-p99 { background: #8250df; } .sw-out { background: #ffd8d3; } .sw-ev { background: #24292f; }
ol.events { font-size: 13px; margin: 0; padding-left: 22px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { details.check { break-inside: avoid; } th[data-sort]::after { content: ""; } }
`;

// Sorts a table by the clicked column (numbers numerically); the page reads the same without it.
const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th[data-sort]').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0];
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (x) { x.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-sort') === 'number';
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-value') || a.cells[col].textContent;
        var y = b.cells[col].getAttribute('data-value') || b.cells[col].textContent;
        var r = numeric ? (parseFloat(x) || -1) - (parseFloat(y) || -1) : x.localeCompare(y);
        return asc ? r : -r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function page(options: { lang: Lang; title: string; body: string }): string {
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${options.body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
