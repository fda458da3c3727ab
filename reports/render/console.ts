// The console summary at the end of `verify`: the score table and the checks that lost
// points (the per-suite progress while it runs is checks/reporter/progress.ts). Plain text that reads without colour; ANSI colour only when asked (a TTY).
// Values from AWS are single-lined with their control characters made visible, so a tag
// cannot move the cursor or recolour the terminal.
import { CATEGORIES, type CheckEntry, type CheckStatus, type Report } from '../../contract/report';
import { displayWidth } from '../../contract/display-names';
import { blockedSentence, shownStatus } from './blocked';
import { visibleControls } from './escape';
import { categoryName, fmt, ownershipConflictLine, say, statusName, t, type Lang } from './i18n';
import { fixPlan } from './lost-points';
import { stampTexts, targetLabel } from './stamps';
import { DEFAULT_TIME_ZONE, formatTime } from './time';
import { ignoredWaiverReason } from '../waivers/apply';

/** Terminal columns of a string (its description lives in contract/, shared with the progress lines). */
export { displayWidth };

export interface ConsoleOptions {
  lang: Lang;
  /** ANSI colours; pass process.stdout.isTTY && !process.env.NO_COLOR. */
  color?: boolean;
  /** Widest line for summaries (default 100). */
  width?: number;
  /** IANA zone for times (default Asia/Seoul). */
  timeZone?: string;
}

const STATUS_COLUMNS = ['pass', 'fail', 'error', 'not-applicable', 'waived', 'blocked'] as const;

const COLOURS: Record<CheckStatus | 'bold' | 'dim', string> = {
  pass: '32',
  fail: '31',
  error: '33',
  'not-applicable': '90',
  waived: '35',
  blocked: '31',
  bold: '1',
  dim: '2',
};

export function renderConsoleSummary(report: Report, options: ConsoleOptions): string {
  const { lang } = options;
  const paint = (code: keyof typeof COLOURS, text: string) => (options.color ? `\u001b[${COLOURS[code]}m${text}\u001b[0m` : text);
  const width = options.width ?? 100;
  const tg = report.target;
  const lines: string[] = [];
  const stamps = stampTexts(report, lang, options.timeZone);
  lines.push(
    paint('bold', `${t(lang, 'reportTitle')}: ${clean(tg.student)}`) +
      `  ${clean(tg.accountId)} ${clean(tg.region)} · ${clean(targetLabel(tg, lang))}` +
      stamps.map((s) => `  ${paint('fail', `[${clean(s.label)}]`)}`).join(''),
    `${t(lang, 'graded')}: ${formatTime(report.finishedAt, options.timeZone ?? DEFAULT_TIME_ZONE)}`,
  );
  for (const s of stamps) lines.push(paint('fail', `! ${clean(s.sentence)}`));
  const head = [t(lang, 'category'), t(lang, 'weight'), t(lang, 'score'), '%', t(lang, 'points'), ...STATUS_COLUMNS.map((s) => statusName(lang, s))];
  const rows: string[][] = CATEGORIES.map((id) => {
    const c = report.score.categories.find((x) => x.id === id);
    if (!c) return [categoryName(lang, id), ...head.slice(1).map(() => '')];
    const n = c.counts;
    const scored = c.maxPoints > 0;
    return [
      categoryName(lang, id),
      String(c.weight),
      scored ? fmt(c.weightedPoints ?? 0) : '-',
      scored ? `${fmt(c.percent)}%` : '-',
      scored ? `${fmt(c.points)}/${fmt(c.maxPoints)}` : '-',
      String(n?.pass ?? ''),
      String(n?.fail ?? ''),
      String(n?.error ?? ''),
      String(n?.notApplicable ?? ''),
      String(n?.waived ?? ''),
      String(n ? n.blocked ?? 0 : ''),
    ];
  });
  const total = [t(lang, 'total'), fmt(report.score.maxPoints), fmt(report.score.points), `${fmt(report.score.percent)}%`, ...head.slice(4).map(() => '')];
  const table = [head, ...rows, total];
  const widths = head.map((_, col) => Math.max(...table.map((r) => displayWidth(r[col]!))));
  const format = (r: string[]) => r.map((cell, col) => (col === 0 ? padEnd(cell, widths[col]!) : padStart(cell, widths[col]!))).join('  ');
  lines.push(format(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format), widths.map((w) => '-'.repeat(w)).join('  '), paint('bold', format(total)));

  const plan = fixPlan(report);
  if (plan.length) {
    lines.push('', paint('bold', `${t(lang, 'fixFirst')} (${t(lang, 'inBrackets')}):`));
    for (const item of plan) {
      const together = item.unblocks.length ? `-${fmt(item.gain)}, ${lang === 'ko' ? '함께' : 'with what it unblocks'} -${fmt(item.totalGain)}` : `-${fmt(item.gain)}`;
      lines.push(checkLine(item.check, lang, width, paint, together, '  '));
      for (const u of item.unblocks) lines.push(checkLine(u.check, lang, width, paint, `-${fmt(u.gain)}`, '      '));
    }
  }
  const waived = report.checks.filter((c) => c.status === 'waived');
  for (const c of waived) lines.push(checkLine(c, lang, width, paint, '', '  '));
  for (const w of report.waiversIgnored ?? []) {
    lines.push(`  ${paint('dim', t(lang, 'waiversIgnored'))}: ${truncate(`${clean(w.checkId)}: ${clean(ignoredWaiverReason(w, lang))}`, width)}`);
  }
  const conflicts = report.discovery?.ownershipConflicts ?? [];
  if (conflicts.length) {
    lines.push('', paint('fail', `${t(lang, 'ownershipConflicts')}:`));
    // Whole sentences: the resource and the other stack are what the student must see.
    for (const c of conflicts) lines.push(`  ${clean(ownershipConflictLine(lang, c))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One check on one line; the points (`points`, e.g. "-2.4") are never cut off, the text before them is. */
function checkLine(c: CheckEntry, lang: Lang, width: number, paint: (code: keyof typeof COLOURS, text: string) => string, points: string, indent: string): string {
  const shown = shownStatus(c);
  const status = padEnd(statusName(lang, shown).toUpperCase(), 8);
  const detail = c.status === 'waived' ? c.waiver?.reason ?? '' : shown === 'blocked' ? blockedSentence(lang, c) : say(lang, c.summary);
  const suffix = points ? `  (${points})` : '';
  const room = Math.max(20, width - displayWidth(indent) - 9 - displayWidth(suffix));
  return `${indent}${paint(shown, status)} ${truncate(`${c.id}  ${clean(detail)}`, room)}${suffix}`;
}

function clean(text: string): string {
  return visibleControls(text, true);
}

function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
