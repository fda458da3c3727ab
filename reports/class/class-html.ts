// class.html for the instructor: the score distribution (SVG histogram), the pass rate of
// every check across the class (lowest first: what the class missed), and a sortable table
// of students with a link to each student's report. Readable with scripts off; sorting is
// the page shell's one small script. Everything from a roster or a report is escaped.
import { CATEGORIES } from '../../contract/report';
import { escapeHtml as h } from '../render/escape';
import { histogram } from '../render/html/charts';
import { page } from '../render/html/page';
import { categoryName, fmt, severityName, statusName, t, type Lang } from '../render/i18n';
import { DEFAULT_TIME_ZONE, formatTime } from '../render/time';
import type { ClassRenderer } from './class-renderers';
import type { CheckStat, ClassReport, ClassRow } from './class-report';
import { rosterReason } from './roster';

export const classHtmlRenderer: ClassRenderer = {
  format: 'html',
  fileName: 'class.html',
  render(report, { lang, timeZone = DEFAULT_TIME_ZONE }) {
    const body = [header(report, lang, timeZone), distribution(report, lang), passRates(report, lang), studentsTable(report, lang), rosterProblems(report, lang)].join('\n');
    return page({ lang, title: t(lang, 'classTitle'), body });
  },
};

function header(report: ClassReport, lang: Lang, timeZone: string): string {
  const s = report.summary;
  const graded = report.students.filter((r) => r.status === 'graded');
  const emulated = graded.length > 0 && graded.every((r) => r.emulated);
  const rubric = report.rubric ? `${report.rubric.name} (${report.rubric.digest})` : '';
  const mixed = report.rubricsMixed?.length
    ? `<div class="banner">${h(t(lang, 'rubricMismatch'))}: ${report.rubricsMixed.map((r) => `${h(r.name)} (${h(r.digest)})`).join(', ')}</div>`
    : '';
  const stat = (label: string, value: number | null) => `<span>${h(label)}: <b>${value === null ? '–' : `${fmt(value)}%`}</b></span>`;
  return `<header><h1>${h(t(lang, 'classTitle'))}</h1>${emulated ? `<div class="stamp" data-testid="emulated">${h(t(lang, 'emulated'))}</div>` : ''}${mixed}
<p class="meta"><span>${h(t(lang, 'graded'))}: <b>${h(formatTime(report.generatedAt, timeZone))}</b></span>${rubric ? `<span>${h(t(lang, 'rubric'))}: <b>${h(rubric)}</b></span>` : ''}<span>${h(t(lang, 'studentCount'))}: <b>${s.students}</b> (${h(t(lang, 'gradedCount'))} ${s.graded}, ${h(t(lang, 'errorRow'))} ${s.notGraded})</span></p>
<p class="meta">${stat(t(lang, 'average'), s.mean)}${stat(t(lang, 'median'), s.median)}${stat(t(lang, 'min'), s.min)}${stat(t(lang, 'max'), s.max)}</p></header>`;
}

function distribution(report: ClassReport, lang: Lang): string {
  const percents = report.students.filter((r) => r.status === 'graded').map((r) => r.percent ?? 0);
  return `<section id="distribution"><h2>${h(t(lang, 'distribution'))}</h2>${histogram(percents, lang)}</section>`;
}

function rateBar(rate: number | null): string {
  if (rate === null) return '<span class="muted">–</span>';
  const colour = rate >= 80 ? '#2da44e' : rate >= 50 ? '#bf8700' : '#cf222e';
  return `<svg width="120" height="12" viewBox="0 0 120 12" role="img" xmlns="http://www.w3.org/2000/svg"><title>${fmt(rate)}%</title><rect width="120" height="12" rx="3" fill="#eef1f4"/><rect width="${fmt(rate * 1.2)}" height="12" rx="3" fill="${colour}"/></svg> ${fmt(rate)}%`;
}

function passRates(report: ClassReport, lang: Lang): string {
  const row = (c: CheckStat) =>
    `<tr><td><code>${h(c.id)}</code><div class="small muted">${h(c.title?.[lang] ?? '')}</div></td><td>${h(categoryName(lang, c.category))}</td><td>${h(severityName(lang, c.severity))}</td><td data-value="${c.passRate ?? -1}">${rateBar(c.passRate)}</td><td class="num">${c.pass}</td><td class="num">${c.fail}</td><td class="num">${c.error}</td><td class="num">${c.notApplicable}</td><td class="num">${c.waived}</td><td class="num">${c.blocked}</td></tr>`;
  return `<section id="pass-rates"><h2>${h(t(lang, 'passRate'))}</h2><p class="small muted">${h(t(lang, 'sortHint'))}</p>
<table class="sortable"><thead><tr><th data-sort="text">${h(t(lang, 'check'))}</th><th data-sort="text">${h(t(lang, 'category'))}</th><th data-sort="text">${h(t(lang, 'severity'))}</th><th data-sort="number">${h(t(lang, 'passShare'))}</th>${(['pass', 'fail', 'error', 'not-applicable', 'waived', 'blocked'] as const).map((st) => `<th class="num" data-sort="number">${h(statusName(lang, st))}</th>`).join('')}</tr></thead><tbody>${report.checks.map(row).join('')}</tbody></table></section>`;
}

function studentsTable(report: ClassReport, lang: Lang): string {
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '<td class="num" data-value="-1">–</td>' : `<td class="num" data-value="${v}">${fmt(v)}%</td>`);
  const row = (s: ClassRow) => {
    const link = s.reportHref ? `<a href="${h(encodePath(s.reportHref))}">${h(s.student)}</a>` : h(s.student);
    const status = s.status === 'graded' ? `<span class="badge pass">${h(t(lang, 'gradedCount'))}</span>` : `<span class="badge error">${h(t(lang, 'errorRow'))}</span><div class="small">${h(s.error?.kind ?? '')}: ${h(s.error?.message ?? '')}</div>`;
    const previous = s.previousPercent === undefined ? '<td class="num" data-value="-1">–</td>' : `<td class="num" data-value="${s.previousPercent}">${fmt(s.previousPercent)}%</td>`;
    return `<tr class="${s.status}"><td>${link}</td><td>${h(s.name)}</td>${pct(s.percent)}${CATEGORIES.map((c) => pct(s.categories?.[c])).join('')}<td class="num">${s.failed ?? ''}</td><td class="num">${s.errored ?? ''}</td><td>${status}</td>${previous}</tr>`;
  };
  const heads = [
    `<th data-sort="text">${h(t(lang, 'student'))}</th>`,
    `<th data-sort="text">${h(t(lang, 'name'))}</th>`,
    `<th class="num" data-sort="number">${h(t(lang, 'total'))}</th>`,
    ...CATEGORIES.map((c) => `<th class="num" data-sort="number">${h(categoryName(lang, c))}</th>`),
    `<th class="num" data-sort="number">${h(statusName(lang, 'fail'))}</th>`,
    `<th class="num" data-sort="number">${h(statusName(lang, 'error'))}</th>`,
    `<th data-sort="text">${h(t(lang, 'status'))}</th>`,
    `<th class="num" data-sort="number">${h(t(lang, 'previous'))}</th>`,
  ].join('');
  return `<section id="students"><h2>${h(t(lang, 'students'))}</h2><p class="small muted">${h(t(lang, 'sortHint'))}</p><table class="sortable"><thead><tr>${heads}</tr></thead><tbody>${report.students.map(row).join('')}</tbody></table></section>`;
}

function rosterProblems(report: ClassReport, lang: Lang): string {
  if (!report.rosterProblems.length && !report.ignoredColumns.length) return '';
  const rows = report.rosterProblems.map((p) => `<tr><td class="num">${p.line}</td><td>${h(rosterReason(p, lang))}</td></tr>`).join('');
  const ignored = report.ignoredColumns.length ? `<p class="small muted">${h(t(lang, 'ignoredColumns'))}: ${report.ignoredColumns.map(h).join(', ')}</p>` : '';
  return `<section id="roster-problems"><h2>${h(t(lang, 'rosterProblems'))}</h2>${rows ? `<table><thead><tr><th class="num">${h(t(lang, 'line'))}</th><th>${h(t(lang, 'reason'))}</th></tr></thead><tbody>${rows}</tbody></table>` : ''}${ignored}</section>`;
}

/** A relative link: each path segment percent-encoded, so it can only point into the output folder. */
function encodePath(href: string): string {
  return href
    .split('/')
    .filter((seg) => seg !== '..' && seg !== '.' && seg !== '')
    .map(encodeURIComponent)
    .join('/');
}
