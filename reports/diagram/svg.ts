// The deployment diagram as inline SVG for report.html: readable without any script, colours
// and sizes as SVG attributes (the page's CSP forbids style attributes). Every element the
// model holds carries data-resource (the id the checks' evidence names) and data-status
// (pass|fail|error|missing); a failed or unreadable one is red or orange with the id of the
// check that judged it and links to that check's evidence. Every string from AWS is escaped.
import { displayWidth } from '../../contract/display-names';
import type { Bilingual } from '../../contract/report';
import { escapeHtml as h } from '../render/escape';
import type { Lang } from '../render/i18n';
import type { DiagramStatus, Judgement } from './judges';
import { ROWS, type Badge, type DiagramModel, type DiagramNode, type DiagramPath, type Row } from './layout';
import { DIAGRAM_WORDS as W } from './words';

const WIDTH = 1000;
const LANE_RIGHT = 150;
const MAIN_LEFT = 236;
const MAIN_RIGHT = 986;
const NODE_H = 54;
const GAP = 8;
const GROUP_H = 30;
const FONT = 'system-ui, -apple-system, Segoe UI, Noto Sans KR, NanumGothic, sans-serif';
const MONO = 'ui-monospace, Menlo, Consolas, NanumGothicCoding, monospace';

export const STATUS_COLOUR: Record<DiagramStatus, { stroke: string; fill: string }> = {
  pass: { stroke: '#1a7f37', fill: '#dafbe1' },
  fail: { stroke: '#cf222e', fill: '#ffebe9' },
  error: { stroke: '#b35900', fill: '#fff1e5' },
  missing: { stroke: '#6e7781', fill: '#ffffff' },
};
const INK = '#1f2328';
const MUTED = '#59636e';

export interface SvgOptions {
  lang: Lang;
  /** Where a check's evidence is, e.g. "#check-12" in report.html. */
  hrefOf(checkId: string): string | undefined;
}

/** The stroke of an element: a missing slot takes the colour of the check that wanted it filled. */
function colourOf(j: Judgement): { stroke: string; fill: string } {
  if (j.status !== 'missing' || !j.culprit) return STATUS_COLOUR[j.status];
  return { stroke: j.culprit.status === 'error' ? STATUS_COLOUR.error.stroke : STATUS_COLOUR.fail.stroke, fill: '#ffffff' };
}

/** Cuts text to a width in pixels (Hangul counts double), with an ellipsis. */
function fit(text: string, px: number, charPx: number): string {
  const max = Math.max(3, Math.floor(px / charPx));
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function say(lang: Lang, text: Bilingual): string {
  return text[lang];
}

/** The tooltip of an element: what it is, its status, the checks that judged it. */
function tooltip(lang: Lang, what: string, j: Judgement): string {
  const judged = j.checks.length ? `${say(lang, W.judgedBy)}: ${j.checks.join(', ')}` : say(lang, W.notJudged);
  const culprit = j.culprit ? ` · ${j.culprit.id}: ${j.culprit.title?.[lang] ?? ''}` : '';
  return `${what} · ${say(lang, W.status[j.status])}${culprit} · ${judged}`;
}

/** Wraps an element in a link to its check's evidence when it did not pass. */
function linked(options: SvgOptions, j: Judgement, body: string): string {
  const href = j.culprit && j.status !== 'pass' ? options.hrefOf(j.culprit.id) : undefined;
  return href ? `<a href="${h(href)}">${body}</a>` : body;
}

function dataAttrs(resource: string, j: Judgement, extra: Record<string, string | undefined> = {}): string {
  const attrs: Record<string, string | undefined> = { 'data-resource': resource, 'data-status': j.status, 'data-checks': j.checks.join(' '), ...(j.culprit ? { 'data-check': j.culprit.id } : {}), ...extra };
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${h(v)}"`)
    .join('');
}

function box(x: number, y: number, w: number, hgt: number, j: Judgement): string {
  const c = colourOf(j);
  const dash = j.status === 'missing' ? ' stroke-dasharray="6 4"' : '';
  const width = j.status === 'fail' || j.status === 'error' ? 2.5 : 1.5;
  return `<rect x="${x}" y="${y}" width="${w}" height="${hgt}" rx="6" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${width}"${dash}/>`;
}

function badgeSvg(options: SvgOptions, b: Badge, x: number, y: number): string {
  const c = colourOf(b.judgement);
  const word = say(options.lang, b.kind === 'alarm' ? W.alarmBadge : W.backupBadge);
  const w = Math.max(34, displayWidth(word) * 6.5 + 12);
  const body = `<title>${h(tooltip(options.lang, word, b.judgement))}</title><rect x="${x - w}" y="${y}" width="${w}" height="16" rx="8" fill="${c.stroke}"/><text x="${x - w / 2}" y="${y + 12}" font-size="10" font-weight="700" fill="#ffffff" text-anchor="middle">${h(word)}</text>`;
  return `<g class="dg-badge" data-badge="${b.kind}"${dataAttrs(b.kind, b.judgement)}>${linked(options, b.judgement, body)}</g>`;
}

/** One resource (or empty slot) as a box: its label, its AWS name, the failing check's id, its badges. */
function nodeSvg(options: SvgOptions, n: DiagramNode, x: number, y: number, w: number, hgt = NODE_H): string {
  const { lang } = options;
  const j = n.judgement;
  const label = say(lang, n.label);
  const badgesW = n.badges.length * 46;
  if (hgt < NODE_H) return barSvg(options, n, x, y, w, hgt);
  const lines: string[] = [`<text x="${x + 10}" y="${y + 17}" font-size="12" font-weight="700" fill="${INK}">${h(fit(label, w - 20 - badgesW, 7))}</text>`];
  if (n.slot && n.slot !== n.label) lines.push(`<text x="${x + 10}" y="${y + 33}" font-size="11" fill="${MUTED}">${h(fit(say(lang, n.slot), w - 20, 6.5))}</text>`);
  else if (n.name) lines.push(`<text x="${x + 10}" y="${y + 33}" font-size="11" font-family="${MONO}" fill="${INK}">${h(fit(n.name, w - 20, 6.7))}</text>`);
  if (j.culprit && j.status !== 'pass') {
    const colour = colourOf(j).stroke;
    lines.push(`<text x="${x + 10}" y="${y + hgt - 8}" font-size="11" font-weight="700" fill="${colour}">✗ ${h(fit(j.culprit.id, w - 30, 6.7))}</text>`);
  }
  const badges = n.badges.map((b, i) => badgeSvg(options, b, x + w - 6 - i * 46, y + 5)).join('');
  const what = `${label}${n.name ? `: ${n.name}` : ''}${n.zone ? ` (${n.zone})` : ''}`;
  const body = `<title>${h(tooltip(lang, what, j))}</title>${box(x, y, w, hgt, j)}${lines.join('')}`;
  const attrs = dataAttrs(n.resource, j, { 'data-kind': n.kind, 'data-zone': n.zone, 'data-role': n.role, 'data-slot': n.slot ? 'empty' : undefined });
  return `<g class="dg-node"${attrs}>${linked(options, j, body)}${badges}</g>`;
}

/** A node drawn as a one-line bar across its row (the Auto Scaling group over its instances). */
function barSvg(options: SvgOptions, n: DiagramNode, x: number, y: number, w: number, hgt: number): string {
  const { lang } = options;
  const j = n.judgement;
  const label = say(lang, n.label);
  const culprit = j.culprit && j.status !== 'pass' ? `✗ ${j.culprit.id}` : '';
  const line = `${label}: ${n.slot ? say(lang, n.slot) : n.name}`;
  const texts = [`<text x="${x + 10}" y="${y + hgt / 2 + 4}" font-size="12" font-weight="600" fill="${INK}">${h(fit(line, w * 0.55, 7))}</text>`];
  if (culprit) texts.push(`<text x="${x + w * 0.6}" y="${y + hgt / 2 + 4}" font-size="11" font-weight="700" fill="${colourOf(j).stroke}">${h(fit(culprit, w * 0.4 - 10 - n.badges.length * 46, 6.7))}</text>`);
  const badges = n.badges.map((b, i) => badgeSvg(options, b, x + w - 6 - i * 46, y + (hgt - 16) / 2)).join('');
  const body = `<title>${h(tooltip(lang, line, j))}</title>${box(x, y, w, hgt, j)}${texts.join('')}`;
  return `<g class="dg-node"${dataAttrs(n.resource, j, { 'data-kind': n.kind })}>${linked(options, j, body)}${badges}</g>`;
}

interface RowBox {
  row: Row;
  top: number;
  height: number;
}

/** The diagram of one report's deployment as an inline <svg>. */
export function diagramSvg(model: DiagramModel, options: SvgOptions): string {
  const { lang } = options;
  const parts: string[] = [];
  const zoneCount = model.zones.length;
  const colW = (MAIN_RIGHT - MAIN_LEFT - 20) / zoneCount;
  const colX = (i: number) => MAIN_LEFT + 10 + i * colW;

  // Above the VPC: the internet (the users) and the frontend, CloudFront -> S3.
  const edgeTop = 46;
  parts.push(
    `<g class="dg-internet" data-resource="internet"><rect x="16" y="${edgeTop}" width="${LANE_RIGHT - 16}" height="40" rx="20" fill="#f6f8fa" stroke="${MUTED}"/><text x="${(16 + LANE_RIGHT) / 2}" y="${edgeTop + 25}" font-size="13" font-weight="700" fill="${INK}" text-anchor="middle">${h(say(lang, W.internet))}</text></g>`,
  );
  const edgeW = Math.min(260, (MAIN_RIGHT - MAIN_LEFT - 16 * (model.edge.length - 1)) / Math.max(1, model.edge.length));
  model.edge.forEach((n, i) => {
    const x = MAIN_LEFT + i * (edgeW + 16);
    parts.push(nodeSvg(options, n, x, edgeTop - 7, edgeW));
    if (i > 0) parts.push(arrow(x - 16, edgeTop + 20, x - 2, edgeTop + 20, MUTED));
  });
  if (model.edge.length) parts.push(arrow(LANE_RIGHT, edgeTop + 20, MAIN_LEFT - 2, edgeTop + 20, MUTED));

  // The VPC: zone columns, one row per tier.
  const vpcTop = edgeTop + NODE_H + 22;
  const headerH = 40;
  let y = vpcTop + headerH;
  const rowBoxes: RowBox[] = [];
  const rowParts: string[] = [];
  for (const row of model.rows) {
    const deepest = Math.max(1, ...row.cells.map((c) => c.length));
    const groupsH = row.groups.length * (GROUP_H + GAP);
    const height = 12 + groupsH + deepest * (NODE_H + GAP) + 4;
    rowBoxes.push({ row: row.row, top: y, height });
    rowParts.push(`<rect x="${MAIN_LEFT}" y="${y}" width="${MAIN_RIGHT - MAIN_LEFT}" height="${height}" fill="${row.row === 'public' ? '#eef6ff' : '#f6f8fa'}" stroke="#d1d9e0"/>`);
    row.groups.forEach((g, i) => rowParts.push(nodeSvg(options, g, MAIN_LEFT + 10, y + 8 + i * (GROUP_H + GAP), MAIN_RIGHT - MAIN_LEFT - 20, GROUP_H)));
    row.cells.forEach((cell, zi) => {
      cell.forEach((n, k) => rowParts.push(nodeSvg(options, n, colX(zi) + 4, y + 8 + groupsH + k * (NODE_H + GAP), colW - 8)));
    });
    y += height;
  }
  const vpcBottom = y + 10;
  const vpc = model.vpc;
  parts.push(
    `<g class="dg-vpc"${dataAttrs(vpc.resource, vpc.judgement, { 'data-kind': 'vpc' })}><title>${h(tooltip(lang, say(lang, W.vpc), vpc.judgement))}</title><rect x="${MAIN_LEFT - 6}" y="${vpcTop}" width="${MAIN_RIGHT - MAIN_LEFT + 12}" height="${vpcBottom - vpcTop}" rx="8" fill="none" stroke="${colourOf(vpc.judgement).stroke}" stroke-width="2"/><text x="${MAIN_LEFT + 4}" y="${vpcTop + 16}" font-size="12" font-weight="700" fill="${INK}">VPC</text></g>`,
  );
  model.zones.forEach((zone, i) => {
    const name = zone.placeholder ? say(lang, W.noZone) : zone.name;
    const dash = zone.placeholder ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<g class="dg-zone" data-zone="${h(zone.name)}"${zone.placeholder ? ' data-status="missing"' : ''}><rect x="${colX(i)}" y="${vpcTop + 22}" width="${colW - 2}" height="${vpcBottom - vpcTop - 32}" rx="6" fill="none" stroke="#8c959f"${dash}/><text x="${colX(i) + colW / 2}" y="${vpcTop + 36}" font-size="12" fill="${MUTED}" text-anchor="middle">${h(say(lang, W.zone))} ${h(fit(name, colW - 120, 7))}</text></g>`,
    );
  });
  parts.push(...rowParts);

  // The lane: each row's label, and the security-group paths between them.
  const mid = (row: Row) => {
    const b = rowBoxes.find((r) => r.row === row)!;
    return b.top + b.height / 2;
  };
  for (const b of rowBoxes) {
    const label = model.rows.find((r) => r.row === b.row)!.label;
    parts.push(`<g class="dg-tier" data-tier="${b.row}"><rect x="44" y="${mid(b.row) - 18}" width="${LANE_RIGHT - 44}" height="36" rx="6" fill="#ffffff" stroke="#8c959f"/><text x="${(44 + LANE_RIGHT) / 2}" y="${mid(b.row) + 4}" font-size="11" font-weight="600" fill="${INK}" text-anchor="middle">${h(fit(say(lang, label), LANE_RIGHT - 50, 6.5))}</text></g>`);
  }
  const yOf = (end: 'internet' | Row, side: 'top' | 'bottom') => (end === 'internet' ? edgeTop + 40 : mid(end) + (side === 'top' ? -18 : 18));
  for (const p of model.paths) parts.push(pathSvg(options, p, yOf(p.from, 'bottom'), yOf(p.to, 'top'), mid));

  // Below the VPC: CloudWatch (dashboard, alarms) and AWS Backup.
  const monTop = vpcBottom + 36;
  parts.push(`<text x="${MAIN_LEFT}" y="${monTop - 10}" font-size="12" font-weight="700" fill="${INK}">${h(say(lang, W.monitoring))}</text>`);
  const monW = Math.min(260, (MAIN_RIGHT - MAIN_LEFT - 16 * (model.monitoring.length - 1)) / Math.max(1, model.monitoring.length));
  model.monitoring.forEach((n, i) => parts.push(nodeSvg(options, n, MAIN_LEFT + i * (monW + 16), monTop, monW)));
  const height = monTop + NODE_H + 16;

  const region = `${say(lang, W.region)} ${model.region}`;
  const defs = `<defs>${(Object.keys(STATUS_COLOUR) as DiagramStatus[]).map((s) => marker(`dg-arrow-${s}`, STATUS_COLOUR[s].stroke)).join('')}${marker('dg-arrow-muted', MUTED)}</defs>`;
  const frame = `<rect x="4" y="4" width="${WIDTH - 8}" height="${height - 8}" rx="10" fill="#ffffff" stroke="#8c959f"/><text x="16" y="26" font-size="13" font-weight="700" fill="${INK}">${h(region)}</text>`;
  return `<svg class="chart dg" data-testid="deployment-diagram" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" font-family="${FONT}" xmlns="http://www.w3.org/2000/svg"><title>${h(say(lang, W.heading))}: ${h(region)}</title>${defs}${frame}${parts.join('')}</svg>`;
}

function marker(id: string, colour: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${colour}"/></marker>`;
}

function arrow(x1: number, y1: number, x2: number, y2: number, colour: string): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${colour}" stroke-width="1.5" marker-end="url(#dg-arrow-muted)"/>`;
}

/** A security-group path: straight down the lane, around the DB row to the cache, or from the internet outside the lane when a tier is exposed. */
function pathSvg(options: SvgOptions, p: DiagramPath, fromY: number, toY: number, mid: (row: Row) => number): string {
  const j = p.judgement;
  const colour = colourOf(j).stroke;
  const dash = j.status === 'missing' || p.exposure ? ' stroke-dasharray="6 4"' : '';
  let d: string;
  let labelX: number;
  let labelY: number;
  if (p.exposure) {
    // Outside the lane, one column per exposed tier; its words run up along the line.
    const x = 190 + ROWS.indexOf(p.to) * 8;
    d = `M${LANE_RIGHT - 20} ${fromY} V${fromY + 8} H${x} V${mid(p.to)} H${LANE_RIGHT + 2}`;
    labelX = x + 11;
    labelY = mid(p.to) - 6;
  } else if (p.from === 'app' && p.to === 'cache') {
    d = `M44 ${mid('app')} H26 V${mid('cache')} H42`;
    // Its words sit in the gap between the DB and cache labels, where no other arrow runs.
    labelX = 64;
    labelY = (mid('db') + mid('cache')) / 2 - 2;
  } else {
    d = `M60 ${fromY} V${toY - 2}`;
    labelX = 64;
    labelY = (fromY + toY) / 2 - 2;
  }
  const width = j.status === 'fail' || j.status === 'error' ? 3 : 2;
  const texts: string[] = [];
  const culprit = j.culprit && j.status !== 'pass' ? `✗ ${j.culprit.id}` : '';
  if (p.exposure) {
    const words = `${say(options.lang, W.openToInternet)}: ${p.label}${culprit ? ` ${culprit}` : ''}`;
    texts.push(`<text x="${labelX}" y="${labelY}" font-size="9" font-weight="700" fill="${colour}" transform="rotate(-90 ${labelX} ${labelY})">${h(fit(words, Math.max(60, labelY - 70), 5.6))}</text>`);
  } else {
    if (p.label) texts.push(`<text x="${labelX}" y="${labelY}" font-size="9" fill="${MUTED}">${h(fit(p.label, 160, 5.4))}</text>`);
    if (culprit) texts.push(`<text x="${labelX}" y="${labelY + 11}" font-size="9" font-weight="700" fill="${colour}">${h(fit(culprit, 160, 5.4))}</text>`);
  }
  const what = `${p.from} → ${p.to}${p.label ? ` (${p.label})` : ''}`;
  const body = `<title>${h(tooltip(options.lang, what, j))}</title><path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}"${dash} marker-end="url(#dg-arrow-${j.status === 'missing' && j.culprit ? (j.culprit.status === 'error' ? 'error' : 'fail') : j.status})"/>${texts.join('')}`;
  const attrs = dataAttrs(p.resource, j, { 'data-path': p.key, 'data-exposure': p.exposure ? 'true' : undefined });
  return `<g class="dg-path"${attrs}>${linked(options, j, body)}</g>`;
}
