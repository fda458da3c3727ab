// report.md, for a pull-request comment or a course forum post: the stamps, the score table,
// then what to fix first (largest effect on the total first, a missing tier with the checks it
// blocks) with evidence and the fix, then waivers, drills and cdk-nag findings; passed checks
// are folded away at the end.
import { CATEGORIES, type CheckEntry, type CheckStatus, type Report } from '../../contract/report';
import { blockedSentence, shownStatus } from './blocked';
import { escapeMarkdown as m, visibleControls } from './escape';
import { categoryName, detailOf, fmt, ownershipConflictLine, say, severityName, statusName, t, type Lang } from './i18n';
import { fixPlan, gainOf } from './lost-points';
import { fixOf } from './remediation';
import type { Renderer } from './renderer';
import { stampTexts, targetLabel } from './stamps';
import { DEFAULT_TIME_ZONE, formatTime } from './time';
import { ignoredWaiverReason } from '../waivers/apply';
import { diagramMarkdownLines } from '../diagram/sections';

const ICON: Record<CheckStatus, string> = { pass: '✅', fail: '❌', error: '⚠️', 'not-applicable': '➖', waived: '📝', blocked: '⛔' };
const STATUS_COLUMNS = ['pass', 'fail', 'error', 'not-applicable', 'waived', 'blocked'] as const;

export const markdownRenderer: Renderer = {
  format: 'md',
  fileName: 'report.md',
  render(report, { lang, timeZone = DEFAULT_TIME_ZONE }) {
    const out: string[] = [];
    const s = report.score;
    out.push(`## ${m(t(lang, 'reportTitle'))}: ${m(report.target.student)}`, '');
    for (const stamp of stampTexts(report, lang, timeZone)) out.push(`> **${m(stamp.label)}**: ${m(stamp.sentence)}`, '');
    out.push(
      `**${m(t(lang, 'total'))}: ${fmt(s.points)} / ${fmt(s.maxPoints)} (${fmt(s.percent)}%)** · ${m(t(lang, 'account'))} ${m(report.target.accountId)} · ${m(t(lang, 'region'))} ${m(report.target.region)} · ${m(t(lang, 'target'))} ${m(targetLabel(report.target, lang))} · ${m(t(lang, 'graded'))} ${m(formatTime(report.finishedAt, timeZone))}`,
      '',
    );
    out.push(...scoreTable(report, lang), '');
    out.push(...diagramMarkdownLines(report, lang));

    const plan = fixPlan(report);
    out.push(`### ${m(t(lang, 'fixFirst'))}`, '');
    if (!plan.length) out.push(m(t(lang, 'fixFirstNone')), '');
    else out.push(m(t(lang, 'fixFirstHint')), '');
    for (const item of plan) {
      out.push(...checkBlock(item.check, report, lang));
      if (item.unblocks.length) {
        out.push('', `**${m(t(lang, 'unblocks'))}** (${m(t(lang, 'ofTotal'))} +${fmt(item.totalGain)}):`, '');
        for (const u of item.unblocks) {
          out.push(`- ${ICON.blocked} ${code(u.check.id)} ${m(u.check.title?.[lang] ?? '')}: +${fmt(u.gain)} · ${m(blockedSentence(lang, u.check))}`);
        }
      }
      out.push('');
    }

    const waived = report.checks.filter((c) => c.status === 'waived');
    if (waived.length) {
      out.push(`### ${m(t(lang, 'waiver'))}`, '');
      for (const c of waived) {
        out.push(
          `- ${ICON.waived} ${code(c.id)}: ${m(c.waiver?.reason ?? '')} (${m(t(lang, 'approvedBy'))} ${m(c.waiver?.approver ?? '')}, ${m(t(lang, 'expires'))} ${m(c.waiver?.expires ?? '')}; ${m(t(lang, 'originalStatus'))} ${m(c.originalStatus ? statusName(lang, c.originalStatus) : '')})`,
        );
      }
      out.push('');
    }
    if (report.waiversIgnored?.length) {
      out.push(`### ${m(t(lang, 'waiversIgnored'))}`, '');
      for (const w of report.waiversIgnored) out.push(`- ${code(w.checkId)} (${m(w.student)}): ${m(ignoredWaiverReason(w, lang))}`);
      out.push('');
    }
    if (report.drills?.length) {
      out.push(`### ${m(t(lang, 'drills'))}`, '', `| ${m(t(lang, 'check'))} | ${m(t(lang, 'status'))} | ${m(t(lang, 'summary'))} | ${m(t(lang, 'metrics'))} |`, '|---|---|---|---|');
      for (const d of report.drills) {
        const metrics = Object.entries(d.metrics)
          .map(([k, v]) => `${m(k)}=${v ?? '–'}`)
          .join(', ');
        const sim = d.simulated ? ` (${m(t(lang, 'simulated'))})` : '';
        out.push(`| ${m(d.id)}${sim} | ${ICON[d.status]} ${m(statusName(lang, d.status))} | ${m(d.verdict.summary[lang])} | ${metrics} |`);
      }
      out.push('');
    }
    if (report.nag) {
      const open = report.nag.findings.filter((f) => !f.suppressed);
      out.push(`### ${m(t(lang, 'nag'))}: ${m(report.nag.template)}`, '');
      out.push(`${open.length} / ${report.nag.findings.length} (${m(t(lang, 'suppressed'))}: ${report.nag.findings.length - open.length})`, '');
      if (open.length) {
        out.push(`| ${m(t(lang, 'rule'))} | ${m(t(lang, 'resource'))} | ${m(t(lang, 'level'))} | ${m(t(lang, 'explanation'))} |`, '|---|---|---|---|');
        for (const f of open) out.push(`| ${m(f.ruleId)} | ${m(f.resource)} | ${m(f.level)} | ${m(f.explanation)} |`);
        out.push('');
      }
    }
    if (report.discovery?.ownershipConflicts?.length) {
      out.push(`### ${m(t(lang, 'ownershipConflicts'))}`, '');
      for (const c of report.discovery.ownershipConflicts) out.push(`- ${m(ownershipConflictLine(lang, c))}`);
      out.push('');
    }
    if (report.history?.length) {
      out.push(`### ${m(t(lang, 'history'))}`, '');
      for (const h of report.history) out.push(`- ${m(formatTime(h.at, timeZone))}: ${fmt(h.percent)}%`);
      out.push('');
    }
    const rest = report.checks.filter((c) => shownStatus(c) === 'pass' || shownStatus(c) === 'not-applicable');
    if (rest.length) {
      out.push(`<details><summary>${m(statusName(lang, 'pass'))} / ${m(statusName(lang, 'not-applicable'))} (${rest.length})</summary>`, '');
      for (const c of rest) out.push(`- ${ICON[c.status]} ${code(c.id)} ${m(c.title?.[lang] ?? '')} (${fmt(c.points)}/${fmt(c.maxPoints)})`);
      out.push('', '</details>', '');
    }
    out.push(`<sub>${m(report.tool.name)} ${m(report.tool.version)}${report.rubric ? ` · ${m(t(lang, 'rubric'))} ${m(report.rubric.name)} (${m(report.rubric.digest)})` : ''}</sub>`, '');
    return out.join('\n');
  },
};

function scoreTable(report: Report, lang: Lang): string[] {
  const head = [t(lang, 'category'), t(lang, 'weight'), t(lang, 'score'), t(lang, 'points'), ...STATUS_COLUMNS.map((st) => statusName(lang, st))];
  const rows = CATEGORIES.map((id) => {
    const c = report.score.categories.find((x) => x.id === id);
    if (!c) return `| ${m(categoryName(lang, id))} |${' |'.repeat(head.length - 1)}`;
    const n = c.counts;
    const pct = c.maxPoints > 0 ? `${fmt(c.points)}/${fmt(c.maxPoints)} (${fmt(c.percent)}%)` : m(t(lang, 'notScored'));
    return `| ${m(categoryName(lang, id))} | ${c.weight} | ${fmt(c.weightedPoints ?? 0)} | ${pct} | ${n?.pass ?? ''} | ${n?.fail ?? ''} | ${n?.error ?? ''} | ${n?.notApplicable ?? ''} | ${n?.waived ?? ''} | ${n ? n.blocked ?? 0 : ''} |`;
  });
  return [
    `| ${head.map(m).join(' | ')} |`,
    `|---|${'---:|'.repeat(head.length - 1)}`,
    ...rows,
    `| **${m(t(lang, 'total'))}** | ${fmt(report.score.maxPoints)} | **${fmt(report.score.points)}** | ${fmt(report.score.percent)}% |${' |'.repeat(head.length - 4)}`,
  ];
}

function checkBlock(c: CheckEntry, report: Report, lang: Lang): string[] {
  const status = shownStatus(c);
  const gain = gainOf(report, c);
  const out = [
    `#### ${ICON[status]} ${code(c.id)} ${m(c.title?.[lang] ?? '')}`,
    '',
    `${m(statusName(lang, status))} · ${m(severityName(lang, c.severity))} · ${fmt(c.points)}/${fmt(c.maxPoints)}${gain > 0 ? ` · ${m(t(lang, 'ofTotal'))} -${fmt(gain)}` : ''}${c.summary && status !== 'blocked' ? ` · ${m(say(lang, c.summary))}` : ''}`,
    '',
    ...(status === 'blocked' ? [`> ${m(blockedSentence(lang, c))}`, ''] : []),
  ];
  const failing = c.resources.filter((r) => r.status === 'fail');
  for (const r of failing.length ? failing : c.resources) {
    out.push(`- ${m(r.id)}${r.type ? ` (${m(r.type)})` : ''}: ${m(detailOf(lang, r))}`);
  }
  if (c.resources.length) out.push('');
  for (const note of c.notes ?? []) out.push(`> ${m(say(lang, note))}`);
  if (c.notes?.length) out.push('');
  // The warning before the fix: a fix that replaces or interrupts a resource is read first.
  const fix = fixOf(lang, c.remediation);
  if (fix.warning) out.push(`> ⚠️ **${m(t(lang, 'fixWarning'))}**: ${m(fix.warning)}`, '');
  out.push(`**${m(t(lang, 'howToFix'))}**: ${m(fix.text)}`);
  if (fix.console) out.push('', `**${m(t(lang, 'inConsole'))}**: ${m(fix.console)}`);
  if (fix.cdk) out.push('', `**${m(t(lang, 'withCdk'))}**:`, '', ...fence(fix.cdk, 'ts'));
  const refs = [
    ...c.refs.fsbp.map((r) => `FSBP ${m(r)}`),
    ...c.refs.cdkNag.map((r) => `cdk-nag ${m(r)}`),
    ...c.refs.prowler.map((r) => `Prowler ${m(r)}`),
  ];
  if (refs.length) out.push('', `${m(t(lang, 'refs'))}: ${refs.join(' · ')}`);
  return out;
}

/** An inline code span whose fence is longer than any backtick run in the text. */
function code(text: string): string {
  const clean = visibleControls(text, true);
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((x) => x[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks} ${clean} ${ticks}`;
}

/** A fenced code block that the content cannot close. */
function fence(text: string, info: string): string[] {
  const clean = visibleControls(text);
  const longest = Math.max(0, ...[...clean.matchAll(/`{3,}/g)].map((x) => x[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return [`${ticks}${info}`, clean, ticks];
}
