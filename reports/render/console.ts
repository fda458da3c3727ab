// The console summary at the end of `verify`: the score table and the checks that lost
// points (the per-suite progress while it runs is checks/reporter/progress.ts). Plain text that reads without colour; ANSI colour only when asked (a TTY).
// Values from AWS are single-lined with their control characters made visible, so a tag
// cannot move the cursor or recolour the terminal.
import { CATEGORIES, type CheckEntry, type CheckStatus, type Report } from '../../contract/report';
import { visibleControls } from './escape';
import { categoryName, fmt, statusName, t, type Lang } from './i18n';
import { checksToFix } from './lost-points';

export interface ConsoleOptions {
  lang: Lang;
  /** ANSI colours; pass process.stdout.isTTY && !process.env.NO_COLOR. */
  color?: boolean;
  /** Widest line for summaries (default 100). */
  width?: number;
}

const COLOURS: Record<CheckStatus | 'bold' | 'dim', string> = {
  pass: '32',
  fail: '31',
  error: '33',
  'not-applicable': '90',
  waived: '35',
  bold: '1',
  dim: '2',
};

export function renderConsoleSummary(report: Report, options: ConsoleOptions): string {
  const { lang } = options;
  const paint = (code: keyof typeof COLOURS, text: string) => (options.color ? `\u001b[${COLOURS[code]}m${text}\u001b[0m` : text);
  const width = options.width ?? 100;
  const tg = report.target;
  const lines: string[] = [];
  lines.push(
    paint('bold', `${t(lang, 'reportTitle')}: ${clean(tg.student)}`) +
      `  ${clean(tg.accountId)} ${clean(tg.region)}` +
      (tg.emulated ? `  ${paint('fail', '[EMULATED]')}` : ''),
  );
  const head = [t(lang, 'category'), t(lang, 'weight'), t(lang, 'score'), '%', t(lang, 'points'), ...(['pass', 'fail', 'error', 'not-applicable', 'waived'] as const).map((s) => statusName(lang, s))];
  const rows: string[][] = CATEGORIES.map((id) => {
    const c = report.score.categories.find((x) => x.id === id);
    if (!c) return [categoryName(lang, id), '', '', '', '', '', '', '', '', ''];
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
    ];
  });
  const total = [t(lang, 'total'), fmt(report.score.maxPoints), fmt(report.score.points), `${fmt(report.score.percent)}%`, '', '', '', '', '', ''];
  const table = [head, ...rows, total];
  const widths = head.map((_, col) => Math.max(...table.map((r) => displayWidth(r[col]!))));
  const format = (r: string[]) => r.map((cell, col) => (col === 0 ? padEnd(cell, widths[col]!) : padStart(cell, widths[col]!))).join('  ');
  lines.push(format(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format), widths.map((w) => '-'.repeat(w)).join('  '), paint('bold', format(total)));

  const broken = checksToFix(report.checks);
  if (broken.length) {
    lines.push('', paint('bold', `${t(lang, 'fixFirst')}:`));
    for (const c of broken) lines.push(checkLine(c, lang, width, paint));
  }
  const waived = report.checks.filter((c) => c.status === 'waived');
  for (const c of waived) lines.push(checkLine(c, lang, width, paint));
  for (const w of report.waiversIgnored ?? []) {
    lines.push(`  ${paint('dim', t(lang, 'waiversIgnored'))}: ${truncate(`${clean(w.checkId)}: ${clean(w.reason)}`, width)}`);
  }
  return `${lines.join('\n')}\n`;
}

function checkLine(c: CheckEntry, lang: Lang, width: number, paint: (code: keyof typeof COLOURS, text: string) => string): string {
  const status = padEnd(statusName(lang, c.status).toUpperCase(), 8);
  const lost = c.maxPoints - c.points;
  const detail = c.status === 'waived' ? c.waiver?.reason ?? '' : c.scoredAs ? c.scoredAs.reason : c.summary?.[lang] ?? '';
  const text = `${c.id}  ${clean(detail)}${lost > 0 ? `  (-${fmt(lost)})` : ''}`;
  return `  ${paint(c.status, status)} ${truncate(text, width)}`;
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

/** Terminal columns of a string: Hangul, CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(/\u001b\[[0-9;]*m/g, '')) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff);
    w += wide ? 2 : 1;
  }
  return w;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
