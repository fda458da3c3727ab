// report.html: the page a student opens to understand their score. One self-contained file
// (see html/page.ts): the score per category on top, what to fix first, every check with its
// evidence and remediation, drills with their timelines, cdk-nag findings, earlier scores.
// Every value that came from AWS or a student goes through escapeHtml.
import { CATEGORIES, type CheckEntry, type DrillResult, type Report } from '../../contract/report';
import { escapeHtml as h } from './escape';
import { categoryBars, drillTimeline, historyChart } from './html/charts';
import { keyValueTable } from './html/evidence';
import { page } from './html/page';
import { blockedSentence, shownStatus } from './blocked';
import { categoryName, criterionOf, detailOf, drillNotes, fmt, ownershipConflictLine, say, searchedLines, severityName, statusName, t, type Lang } from './i18n';
import { fixPlan, gainOf } from './lost-points';
import { fixOf } from './remediation';
import type { Renderer } from './renderer';
import { stampsOf, stampTexts, targetLabel } from './stamps';
import { DEFAULT_TIME_ZONE, formatTime } from './time';
import { ignoredWaiverReason } from '../waivers/apply';
import { diagramHtmlSection } from '../diagram/sections';

export const htmlRenderer: Renderer = {
  format: 'html',
  fileName: 'report.html',
  render(report, { lang, timeZone = DEFAULT_TIME_ZONE }) {
    const anchors = new Map(report.checks.map((c, i) => [c, `check-${i + 1}`]));
    const body = [
      header(report, lang, timeZone),
      scoreSection(report, lang),
      diagramHtmlSection(report, lang, (c) => anchors.get(c)),
      fixFirst(report, anchors, lang),
      ignoredWaivers(report, lang),
      checksSection(report, anchors, lang),
      drillsSection(report, lang),
      nagSection(report, lang),
      historySection(report, lang, timeZone),
      discoverySection(report, lang),
      `<footer>${h(report.tool.name)} ${h(report.tool.version)}${report.rubric ? ` · ${h(t(lang, 'rubric'))} ${h(report.rubric.name)} (${h(report.rubric.digest)})` : ''}</footer>`,
    ].join('\n');
    return page({ lang, title: `${t(lang, 'reportTitle')}: ${report.target.student}`, body });
  },
};

export function badge(status: CheckEntry['status'], lang: Lang): string {
  return `<span class="badge ${h(status)}">${h(statusName(lang, status))}</span>`;
}

function header(report: Report, lang: Lang, timeZone: string): string {
  const tg = report.target;
  const meta: [string, string | undefined][] = [
    [t(lang, 'student'), tg.student],
    [t(lang, 'account'), tg.accountId],
    [t(lang, 'region'), tg.region],
    [t(lang, 'target'), targetLabel(tg, lang)],
    [t(lang, 'scenario'), tg.scenario],
    [t(lang, 'endpoint'), tg.endpoint],
    [t(lang, 'graded'), formatTime(report.finishedAt, timeZone)],
  ];
  // data-testid: emulated for the EMULATED stamp, stamp-<kind> for the others, in their order.
  const testIds = [...(tg.emulated ? ['emulated'] : []), ...stampsOf(tg).map((s) => `stamp-${s.kind}`)];
  const stamp = stampTexts(report, lang, timeZone)
    .map((s, i) => `<div class="stamp" data-testid="${h(testIds[i])}">${h(s.label)}</div><div class="banner">${h(s.sentence)}</div>`)
    .join('');
  return `<header><h1>${h(t(lang, 'reportTitle'))}</h1>${stamp}<p class="meta">${meta
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<span>${h(k)}: <b>${h(v)}</b></span>`)
    .join('')}</p></header>`;
}

function scoreSection(report: Report, lang: Lang): string {
  const s = report.score;
  const counts = report.score.categories
    .map((c) => {
      const n = c.counts;
      const cells = n ? [n.pass, n.fail, n.error, n.notApplicable, n.waived, n.blocked ?? 0] : ['', '', '', '', '', ''];
      const pts = c.maxPoints > 0 ? `${fmt(c.points)} / ${fmt(c.maxPoints)}` : h(t(lang, 'notScored'));
      return `<tr><td>${h(categoryName(lang, c.id))}</td><td class="num">${c.weight}</td><td class="num">${pts}</td>${cells.map((x) => `<td class="num">${x}</td>`).join('')}</tr>`;
    })
    .join('');
  const statusHeads = (['pass', 'fail', 'error', 'not-applicable', 'waived', 'blocked'] as const).map((st) => `<th class="num">${badge(st, lang)}</th>`).join('');
  return `<section id="score"><div class="hero"><div><div class="muted">${h(t(lang, 'total'))}</div><div class="total" data-testid="total">${fmt(s.points)}<small> / ${fmt(s.maxPoints)} · ${fmt(s.percent)}%</small></div></div></div>
${categoryBars(report.score.categories, lang)}
<table><thead><tr><th>${h(t(lang, 'category'))}</th><th class="num">${h(t(lang, 'weight'))}</th><th class="num">${h(t(lang, 'points'))}</th>${statusHeads}</tr></thead><tbody>${counts}</tbody></table></section>`;
}

function fixFirst(report: Report, anchors: Map<CheckEntry, string>, lang: Lang): string {
  const plan = fixPlan(report);
  const line = (c: CheckEntry, gain: number) =>
    `${badge(shownStatus(c), lang)} <a href="#${anchors.get(c)}"><code>${h(c.id)}</code></a> ${h(c.title?.[lang] ?? '')} <span class="muted gain">(${h(t(lang, 'ofTotal'))} -${fmt(gain)})</span>`;
  const items = plan
    .map((item) => {
      if (!item.unblocks.length) return `<li>${line(item.check, item.gain)}</li>`;
      const sub = item.unblocks.map((u) => `<li>${line(u.check, u.gain)}</li>`).join('');
      return `<li>${line(item.check, item.gain)}<div class="small">${h(t(lang, 'unblocks'))} (${h(t(lang, 'ofTotal'))} +${fmt(item.totalGain)}):</div><ul>${sub}</ul></li>`;
    })
    .join('');
  return `<section id="fix-first"><h2>${h(t(lang, 'fixFirst'))}</h2>${plan.length ? `<p class="small muted">${h(t(lang, 'fixFirstHint'))}</p><ol class="fixlist">${items}</ol>` : `<p>${h(t(lang, 'fixFirstNone'))}</p>`}</section>`;
}

function ignoredWaivers(report: Report, lang: Lang): string {
  if (!report.waiversIgnored?.length) return '';
  const rows = report.waiversIgnored.map((w) => `<tr><td><code>${h(w.checkId)}</code></td><td>${h(w.student)}</td><td>${h(ignoredWaiverReason(w, lang))}</td></tr>`).join('');
  return `<section id="waivers-ignored"><h2>${h(t(lang, 'waiversIgnored'))}</h2><table><thead><tr><th>${h(t(lang, 'check'))}</th><th>${h(t(lang, 'student'))}</th><th>${h(t(lang, 'reason'))}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function checksSection(report: Report, anchors: Map<CheckEntry, string>, lang: Lang): string {
  const parts = CATEGORIES.map((category) => {
    const checks = report.checks.filter((c) => c.category === category);
    if (!checks.length) return '';
    const score = report.score.categories.find((c) => c.id === category);
    const head = score && score.maxPoints > 0 ? ` <span class="muted">${fmt(score.points)} / ${fmt(score.maxPoints)} · ${fmt(score.percent)}%</span>` : '';
    return `<h3>${h(categoryName(lang, category))}${head}</h3>${checks.map((c) => checkCard(c, anchors.get(c)!, lang, gainOf(report, c))).join('\n')}`;
  });
  return `<section id="checks"><h2>${h(t(lang, 'byCategory'))}</h2>${parts.join('\n')}</section>`;
}

function checkCard(c: CheckEntry, anchor: string, lang: Lang, gain: number): string {
  const status = shownStatus(c);
  const open = status === 'fail' || status === 'error' || status === 'waived' || status === 'blocked' ? ' open' : '';
  const parts: string[] = [];
  if (status === 'blocked') parts.push(`<p class="banner" data-testid="blocked">${badge('blocked', lang)} ${h(blockedSentence(lang, c))}</p>`);
  else if (c.summary) parts.push(`<p>${h(say(lang, c.summary))}</p>`);
  if (c.partialCredit) {
    parts.push(`<p class="muted">${h(t(lang, 'partialCredit'))}: ${fmt(c.partialCredit.share * 100)}% (${h(c.partialCredit.basis)})</p>`);
  }
  if (c.waiver) {
    parts.push(
      `<div class="waiverbox"><b>${h(t(lang, 'waiver'))}</b>: ${h(c.waiver.reason)}<br><span class="small">${h(t(lang, 'approvedBy'))} <b>${h(c.waiver.approver)}</b> · ${h(t(lang, 'expires'))} ${h(c.waiver.expires)}${c.originalStatus ? ` · ${h(t(lang, 'originalStatus'))} ${badge(c.originalStatus, lang)}` : ''}</span></div>`,
    );
  }
  if (c.resources.length) {
    const rows = c.resources
      .map(
        (r) =>
          `<tr><td>${badge(r.status, lang)}</td><td><span class="mono">${h(r.id)}</span>${r.arn ? `<div class="small muted mono">${h(r.arn)}</div>` : ''}</td><td class="small">${h(r.type ?? '')}</td><td>${h(detailOf(lang, r))}</td></tr>`,
      )
      .join('');
    parts.push(
      `<div class="label">${h(t(lang, 'evidence'))}</div><table><thead><tr><th>${h(t(lang, 'status'))}</th><th>${h(t(lang, 'resource'))}</th><th>${h(t(lang, 'type'))}</th><th>${h(t(lang, 'detail'))}</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }
  if (c.evidence && Object.keys(c.evidence).length) parts.push(keyValueTable(c.evidence));
  if (c.notes?.length) parts.push(`<div class="label">${h(t(lang, 'notes'))}</div><ul>${c.notes.map((n) => `<li>${h(say(lang, n))}</li>`).join('')}</ul>`);
  if (status !== 'pass' && status !== 'not-applicable') {
    parts.push(fixBlock(c, lang));
  }
  const refs = [
    ...c.refs.fsbp.map((r) => `FSBP ${h(r)}`),
    ...c.refs.cdkNag.map((r) => `cdk-nag ${h(r)}`),
    ...c.refs.prowler.map((r) => `Prowler ${h(r)}`),
  ];
  if (refs.length) parts.push(`<p class="small muted">${h(t(lang, 'refs'))}: ${refs.join(' · ')}</p>`);
  const lost = gain > 0 ? ` <span class="muted">(${h(t(lang, 'ofTotal'))} -${fmt(gain)})</span>` : '';
  return `<details class="check ${h(status)}" id="${anchor}"${open}><summary>${badge(status, lang)} <code>${h(c.id)}</code> <span>${h(c.title?.[lang] ?? '')}</span> <span class="sev">${h(severityName(lang, c.severity))}</span><span class="pts">${fmt(c.points)} / ${fmt(c.maxPoints)}${lost}</span></summary>${parts.join('')}</details>`;
}

/** The fix: its warning first and visibly, then what to do, the console steps and the CDK snippet. */
function fixBlock(c: CheckEntry, lang: Lang): string {
  const fix = fixOf(lang, c.remediation);
  return [
    `<div class="label">${h(t(lang, 'howToFix'))}</div>`,
    fix.warning ? `<p class="banner fix-warning" data-testid="fix-warning"><b>⚠ ${h(t(lang, 'fixWarning'))}</b>: ${h(fix.warning)}</p>` : '',
    `<p>${h(fix.text)}</p>`,
    fix.console ? `<div class="small label">${h(t(lang, 'inConsole'))}</div><p data-testid="fix-console">${h(fix.console)}</p>` : '',
    fix.cdk ? `<div class="small label">${h(t(lang, 'withCdk'))}</div><pre><code>${h(fix.cdk)}</code></pre>` : '',
  ].join('');
}

function drillsSection(report: Report, lang: Lang): string {
  if (!report.drills?.length) return '';
  return `<section id="drills"><h2>${h(t(lang, 'drills'))}</h2>${report.drills.map((d) => drillBlock(d, lang)).join('\n')}</section>`;
}

function drillBlock(d: DrillResult, lang: Lang): string {
  const events = d.timeline.filter((e) => e.kind !== 'note');
  const criteria = d.verdict.criteria
    .map((c) => {
      const shown = criterionOf(lang, c);
      return `<tr><td>${badge(c.pass ? 'pass' : 'fail', lang)}</td><td>${h(shown.name)}</td><td>${h(shown.expected)}</td><td>${h(shown.actual)}</td></tr>`;
    })
    .join('');
  const metrics = Object.fromEntries(Object.entries(d.metrics));
  return `<article class="drill"><h3>${badge(d.status, lang)} <code>${h(d.id)}</code>${d.simulated ? ` <span class="sev">${h(t(lang, 'simulated'))}</span>` : ''}</h3>
<p>${h(d.verdict.summary[lang])}</p>
<div class="legend"><span><i class="swatch sw-ok"></i>${h(t(lang, 'okRequests'))}</span><span><i class="swatch sw-err"></i>${h(t(lang, 'errorRequests'))}</span><span><i class="swatch sw-p50"></i>p50</span><span><i class="swatch sw-p95"></i>p95</span><span><i class="swatch sw-p99"></i>p99</span><span><i class="swatch sw-out"></i>${h(t(lang, 'outage'))}</span><span><i class="swatch sw-ev"></i>${h(t(lang, 'events'))}</span></div>
${drillTimeline(d, lang)}
${events.length ? `<ol class="events">${events.map((e) => `<li><span class="mono">${e.t} ${h(t(lang, 'seconds'))}</span> · ${h(e.kind)} · ${h(e.message)}</li>`).join('')}</ol>` : ''}
<div class="label">${h(t(lang, 'criteria'))}</div>
<table><thead><tr><th>${h(t(lang, 'status'))}</th><th>${h(t(lang, 'criterion'))}</th><th>${h(t(lang, 'expected'))}</th><th>${h(t(lang, 'actual'))}</th></tr></thead><tbody>${criteria}</tbody></table>
<div class="label">${h(t(lang, 'metrics'))}</div>${keyValueTable(metrics)}
${d.notes.length ? `<ul>${drillNotes(d).map((n) => `<li>${h(say(lang, n))}</li>`).join('')}</ul>` : ''}</article>`;
}

function nagSection(report: Report, lang: Lang): string {
  if (!report.nag) return '';
  const rows = report.nag.findings
    .map(
      (f) =>
        `<tr><td>${h(f.ruleId)}</td><td class="mono">${h(f.resource)}</td><td>${h(f.level)}</td><td>${h(f.explanation)}</td><td>${f.suppressed ? `${h(t(lang, 'suppressed'))}${f.reason ? `: ${h(f.reason)}` : ''}` : ''}</td></tr>`,
    )
    .join('');
  return `<section id="nag"><h2>${h(t(lang, 'nag'))}</h2><p>${h(t(lang, 'template'))}: <span class="mono">${h(report.nag.template)}</span></p><table class="sortable"><thead><tr><th data-sort="text">${h(t(lang, 'rule'))}</th><th data-sort="text">${h(t(lang, 'resource'))}</th><th data-sort="text">${h(t(lang, 'level'))}</th><th>${h(t(lang, 'explanation'))}</th><th data-sort="text">${h(t(lang, 'suppressed'))}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function historySection(report: Report, lang: Lang, timeZone: string): string {
  if (!report.history?.length) return '';
  const rows = [...report.history, { at: report.finishedAt, percent: report.score.percent, points: report.score.points, maxPoints: report.score.maxPoints }]
    .map((e) => `<tr><td>${h(formatTime(e.at, timeZone))}</td><td class="num">${fmt(e.points)} / ${fmt(e.maxPoints)}</td><td class="num">${fmt(e.percent)}%</td></tr>`)
    .join('');
  return `<section id="history"><h2>${h(t(lang, 'history'))}</h2>${historyChart(report.history, { at: report.finishedAt, percent: report.score.percent }, lang)}<table><thead><tr><th>${h(t(lang, 'date'))}</th><th class="num">${h(t(lang, 'points'))}</th><th class="num">%</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function discoverySection(report: Report, lang: Lang): string {
  const d = report.discovery;
  if (!d) return '';
  return `<section id="discovery"><h2>${h(t(lang, 'discovery'))}</h2><table><tr><th>${h(t(lang, 'prefix'))}</th><td class="mono">${h(d.stackPrefix)}</td></tr><tr><th>${h(t(lang, 'stacks'))}</th><td class="mono">${d.stacks.map(h).join('<br>')}</td></tr><tr><th>${h(t(lang, 'resources'))}</th><td>${d.resourceCount}</td></tr><tr><th>${h(t(lang, 'searched'))}</th><td>${searchedLines(lang, d).map(h).join('<br>')}</td></tr>${
    d.ownershipConflicts?.length ? `<tr><th>${h(t(lang, 'ownershipConflicts'))}</th><td class="ownership-conflicts">${d.ownershipConflicts.map((c) => h(ownershipConflictLine(lang, c))).join('<br>')}</td></tr>` : ''
  }</table></section>`;
}
