// Inline SVG charts: category bars, a drill's timeline, the class histogram, a score history.
// Colours and sizes are SVG attributes (no style attributes: the page's CSP forbids them).
// Every label that is text goes through escapeHtml.
import type { CategoryScore, DrillResult, HistoryEntry } from '../../../contract/report';
import { escapeHtml as h } from '../escape';
import { categoryName, fmt, t, type Lang } from '../i18n';

const GREEN = '#2da44e';
const RED = '#cf222e';
const GREY = '#d1d9e0';
const INK = '#1f2328';
const MUTED = '#59636e';
const FONT = 'system-ui, -apple-system, Segoe UI, Noto Sans KR, NanumGothic, sans-serif';

function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function colourFor(percent: number): string {
  return percent >= 80 ? GREEN : percent >= 50 ? '#bf8700' : RED;
}

/** One bar per category: the share of its points earned, with its weighted score. */
export function categoryBars(categories: readonly CategoryScore[], lang: Lang): string {
  const rowH = 44;
  const width = 760;
  const labelW = 190;
  const barW = 400;
  const height = categories.length * rowH + 10;
  const rows = categories.map((c, i) => {
    const y = 10 + i * rowH;
    const scored = c.maxPoints > 0;
    const w = scored ? (barW * Math.max(0, Math.min(100, c.percent))) / 100 : 0;
    const right = scored
      ? `${fmt(c.weightedPoints ?? 0)} / ${c.weight} · ${fmt(c.percent)}%`
      : `– / ${c.weight} · ${t(lang, 'notScored')}`;
    return [
      `<text x="0" y="${y + 17}" font-size="14" font-weight="600" fill="${INK}">${h(categoryName(lang, c.id))}</text>`,
      `<text x="0" y="${y + 33}" font-size="12" fill="${MUTED}">${h(t(lang, 'weight'))} ${c.weight}</text>`,
      `<rect x="${labelW}" y="${y + 6}" width="${barW}" height="22" rx="4" fill="#eef1f4"/>`,
      w > 0 ? `<rect x="${labelW}" y="${y + 6}" width="${n(w)}" height="22" rx="4" fill="${colourFor(c.percent)}"/>` : '',
      `<text x="${labelW + barW + 12}" y="${y + 22}" font-size="14" fill="${INK}">${h(right)}</text>`,
    ].join('');
  });
  return svg(width, height, t(lang, 'score'), rows.join(''));
}

/** Scores of earlier gradings, oldest first, with the current one last. */
export function historyChart(history: readonly HistoryEntry[], current: { at: string; percent: number }, lang: Lang): string {
  const points = [...history, { at: current.at, percent: current.percent }];
  const width = 760;
  const height = 170;
  const left = 40;
  const right = 20;
  const top = 14;
  const plotH = 120;
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0;
  const x = (i: number) => left + (points.length > 1 ? i * step : (width - left - right) / 2);
  const y = (p: number) => top + plotH - (plotH * Math.max(0, Math.min(100, p))) / 100;
  const grid = [0, 50, 100]
    .map((p) => `<line x1="${left}" x2="${width - right}" y1="${n(y(p))}" y2="${n(y(p))}" stroke="${GREY}"/><text x="${left - 6}" y="${n(y(p) + 4)}" font-size="11" text-anchor="end" fill="${MUTED}">${p}</text>`)
    .join('');
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${n(x(i))} ${n(y(p.percent))}`).join(' ');
  const dots = points
    .map(
      (p, i) =>
        `<circle cx="${n(x(i))}" cy="${n(y(p.percent))}" r="4" fill="${i === points.length - 1 ? INK : '#0969da'}"/>` +
        `<text x="${n(x(i))}" y="${n(y(p.percent) - 8)}" font-size="11" text-anchor="middle" fill="${INK}">${fmt(p.percent)}</text>` +
        `<text x="${n(x(i))}" y="${top + plotH + 18}" font-size="11" text-anchor="${points.length > 1 && i === 0 ? 'start' : points.length > 1 && i === points.length - 1 ? 'end' : 'middle'}" fill="${MUTED}">${h(p.at.slice(0, 10))}</text>`,
    )
    .join('');
  return svg(width, height, t(lang, 'history'), `${grid}<path d="${line}" fill="none" stroke="#0969da" stroke-width="2"/>${dots}`);
}

/** Students per score band of 10 percent (100 counts in the top band). */
export function histogram(percents: readonly number[], lang: Lang): string {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const p of percents) bins[Math.min(9, Math.max(0, Math.floor(p / 10)))]!++;
  const width = 760;
  const height = 220;
  const left = 36;
  const bottom = 30;
  const top = 16;
  const plotH = height - top - bottom;
  const barW = (width - left - 10) / 10;
  const max = Math.max(1, ...bins);
  const bars = bins
    .map((count, i) => {
      const hgt = (plotH * count) / max;
      const x = left + i * barW;
      const y = top + plotH - hgt;
      const label = i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`;
      return (
        (count ? `<rect x="${n(x + 3)}" y="${n(y)}" width="${n(barW - 6)}" height="${n(hgt)}" rx="3" fill="${colourFor(i * 10 + 5)}"><title>${label}%: ${count}</title></rect>` : '') +
        `<text x="${n(x + barW / 2)}" y="${n(y - 4)}" font-size="12" text-anchor="middle" fill="${INK}">${count || ''}</text>` +
        `<text x="${n(x + barW / 2)}" y="${height - 10}" font-size="11" text-anchor="middle" fill="${MUTED}">${label}</text>`
      );
    })
    .join('');
  const axis = `<line x1="${left}" x2="${width - 10}" y1="${top + plotH}" y2="${top + plotH}" stroke="${MUTED}"/>`;
  return svg(width, height, t(lang, 'distribution'), axis + bars);
}

interface Window {
  from: number;
  to: number;
}

/** Seconds in which users got no successful answer (or mostly errors): the outage, at a glance. */
export function outageWindows(series: DrillResult['series']): Window[] {
  const windows: Window[] = [];
  for (const s of series) {
    const errors = Object.values(s.errors).reduce((a, b) => a + b, 0);
    const down = s.sent > 0 && (s.ok === 0 || errors > s.ok);
    const last = windows[windows.length - 1];
    if (down && last && last.to === s.t) last.to = s.t + 1;
    else if (down) windows.push({ from: s.t, to: s.t + 1 });
  }
  return windows;
}

/**
 * A drill's timeline: requests per second (ok green, errors red, stacked), latency p50/p95/p99
 * below on the same time axis, outage windows shaded, and numbered markers for the AWS
 * events (the list under the chart says what each number is).
 */
export function drillTimeline(drill: DrillResult, lang: Lang): string {
  const width = 900;
  const left = 56;
  const right = 16;
  const plotW = width - left - right;
  const reqTop = 26;
  const reqH = 130;
  const latTop = reqTop + reqH + 30;
  const latH = 90;
  const height = latTop + latH + 34;
  const series = drill.series;
  const duration = Math.max(1, ...series.map((s) => s.t + 1), ...drill.timeline.map((e) => e.t + 1));
  const x = (t: number) => left + (plotW * t) / duration;
  const barW = Math.max(0.6, plotW / duration - (plotW / duration > 3 ? 1 : 0));
  // Errors per second, summed over their kinds once.
  const errorsAt = series.map((s) => {
    let sum = 0;
    for (const k in s.errors) sum += s.errors[k]!;
    return sum;
  });
  const reqMax = niceMax(Math.max(1, ...series.map((s, i) => s.ok + errorsAt[i]!)));
  const latMax = niceMax(Math.max(1, ...series.flatMap((s) => [s.p50 ?? 0, s.p95 ?? 0, s.p99 ?? 0])));
  const yReq = (v: number) => reqTop + reqH - (reqH * v) / reqMax;
  const yLat = (v: number) => latTop + latH - (latH * Math.min(v, latMax)) / latMax;

  const shades = outageWindows(series)
    .map((w) => `<rect x="${n(x(w.from))}" y="${reqTop}" width="${n(x(w.to) - x(w.from))}" height="${latTop + latH - reqTop}" fill="#ffd8d3" opacity="0.7"><title>${h(t(lang, 'outage'))} ${w.from}–${w.to} ${h(t(lang, 'seconds'))}</title></rect>`)
    .join('');
  let okPath = '';
  let errPath = '';
  for (const [i, s] of series.entries()) {
    const errors = errorsAt[i]!;
    if (s.ok > 0) okPath += `M${n(x(s.t))} ${n(yReq(s.ok))}h${n(barW)}V${reqTop + reqH}h${n(-barW)}Z`;
    if (errors > 0) errPath += `M${n(x(s.t))} ${n(yReq(s.ok + errors))}h${n(barW)}V${n(yReq(s.ok))}h${n(-barW)}Z`;
  }
  const latLine = (key: 'p50' | 'p95' | 'p99') => {
    let d = '';
    let pen = false;
    for (const s of series) {
      const v = s[key];
      if (v === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${n(x(s.t + 0.5))} ${n(yLat(v))}`;
      pen = true;
    }
    return d;
  };
  const events = drill.timeline.filter((e) => e.kind !== 'note');
  const markers = events
    .map((e, i) => {
      const ex = n(x(e.t));
      return (
        `<line x1="${ex}" x2="${ex}" y1="${reqTop - 4}" y2="${latTop + latH}" stroke="${INK}" stroke-dasharray="3 3" stroke-width="1"/>` +
        `<circle cx="${ex}" cy="${reqTop - 12}" r="9" fill="${INK}"><title>${h(`${e.t} s: ${e.message}`)}</title></circle>` +
        `<text x="${ex}" y="${reqTop - 8}" font-size="11" font-weight="700" text-anchor="middle" fill="#fff">${i + 1}</text>`
      );
    })
    .join('');
  const ticks = xTicks(duration)
    .map((tt) => `<line x1="${n(x(tt))}" x2="${n(x(tt))}" y1="${latTop + latH}" y2="${latTop + latH + 4}" stroke="${MUTED}"/><text x="${n(x(tt))}" y="${latTop + latH + 16}" font-size="11" text-anchor="middle" fill="${MUTED}">${tt}</text>`)
    .join('');
  const yAxes =
    [0, reqMax / 2, reqMax].map((v) => `<text x="${left - 6}" y="${n(yReq(v) + 4)}" font-size="11" text-anchor="end" fill="${MUTED}">${fmt(v, 0)}</text><line x1="${left}" x2="${width - right}" y1="${n(yReq(v))}" y2="${n(yReq(v))}" stroke="${GREY}" stroke-width="0.5"/>`).join('') +
    [0, latMax].map((v) => `<text x="${left - 6}" y="${n(yLat(v) + 4)}" font-size="11" text-anchor="end" fill="${MUTED}">${fmt(v, 0)}</text><line x1="${left}" x2="${width - right}" y1="${n(yLat(v))}" y2="${n(yLat(v))}" stroke="${GREY}" stroke-width="0.5"/>`).join('') +
    `<text x="${left + 4}" y="${latTop - 8}" font-size="11" fill="${MUTED}">${h(t(lang, 'latency'))}</text>` +
    `<text x="${width - right}" y="${height - 4}" font-size="11" text-anchor="end" fill="${MUTED}">${h(t(lang, 'seconds'))}</text>`;
  const body =
    shades +
    yAxes +
    `<path d="${okPath}" fill="${GREEN}"/>` +
    `<path d="${errPath}" fill="${RED}"/>` +
    `<path d="${latLine('p50')}" fill="none" stroke="#0969da" stroke-width="1.5"/>` +
    `<path d="${latLine('p95')}" fill="none" stroke="#bf8700" stroke-width="1.5"/>` +
    `<path d="${latLine('p99')}" fill="none" stroke="#8250df" stroke-width="1.5"/>` +
    ticks +
    markers;
  return svg(width, height, `${drill.id} ${t(lang, 'timeline')}`, body);
}

function niceMax(v: number): number {
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v) return m * exp;
  return 10 * exp;
}

function xTicks(duration: number): number[] {
  const step = [5, 10, 15, 30, 60, 120, 300, 600, 1800].find((s) => duration / s <= 10) ?? 3600;
  const out: number[] = [];
  for (let v = 0; v <= duration; v += step) out.push(v);
  return out;
}

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="${FONT}" xmlns="http://www.w3.org/2000/svg"><title>${h(title)}</title>${body}</svg>`;
}
