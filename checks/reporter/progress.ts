// The console progress of a live run, one line per suite, in the command's language:
//   Security            ✓✓✗✓✓✓!✓✓-✓✓✓  10/13 passed (1 failed, 1 error, 1 n/a)
//   보안                ✓✓✗✓✓✓!✓✓-✓✓✓  10/13 통과 (실패 1, 오류 1, 해당 없음 1)
// Marks of the suite that runs first are written as they come; a suite that runs at the same
// time is buffered and written when the line before it ends, so lines never interleave.
import { CATEGORY_NAMES, displayWidth, STATUS_NAMES } from '../../contract/display-names';
import type { Language } from '../../contract/errors';
import type { Category } from '../../contract/report';
import type { OutcomeStatus } from '../rules/types';

export const MARKS: Record<OutcomeStatus, string> = { pass: '✓', fail: '✗', error: '!', 'not-applicable': '-' };

interface SuiteLine {
  name: string;
  total: number;
  statuses: OutcomeStatus[];
  ended: boolean;
}

export class SuiteProgress {
  private readonly lines = new Map<string, SuiteLine>();
  /** Suites in the order their lines are written. */
  private readonly order: string[] = [];
  /** How many marks of the active (first unfinished) suite are already written. */
  private written = 0;
  private headerWritten = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    /** The command's language; without one, suites keep their ids and the summary is English. */
    private readonly lang?: Language,
    private readonly width = 20,
  ) {}

  start(name: string, total: number): void {
    if (this.lines.has(name)) return;
    this.lines.set(name, { name, total, statuses: [], ended: false });
    this.order.push(name);
    this.flush();
  }

  record(name: string, status: OutcomeStatus): void {
    const line = this.lines.get(name);
    if (!line) return;
    line.statuses.push(status);
    this.flush();
  }

  end(name: string): void {
    const line = this.lines.get(name);
    if (!line) return;
    line.ended = true;
    this.flush();
  }

  /** Writes what can be written: the active suite's new marks, and any suites that ended. */
  private flush(): void {
    while (this.order.length) {
      const line = this.lines.get(this.order[0]!)!;
      if (!this.headerWritten) {
        const name = suiteName(line.name, this.lang);
        this.stream.write(name + ' '.repeat(Math.max(1, this.width - displayWidth(name))));
        this.headerWritten = true;
      }
      const fresh = line.statuses.slice(this.written).map((s) => MARKS[s]).join('');
      if (fresh) this.stream.write(fresh);
      this.written = line.statuses.length;
      if (!line.ended) return;
      this.stream.write(`  ${summaryOf(line, this.lang)}\n`);
      this.order.shift();
      this.written = 0;
      this.headerWritten = false;
    }
  }
}

/** A suite is named after its rubric category: the name the report gives it. */
function suiteName(name: string, lang: Language | undefined): string {
  if (!lang) return name;
  return (CATEGORY_NAMES as Record<string, (typeof CATEGORY_NAMES)[Category] | undefined>)[name]?.[lang] ?? name;
}

export function summaryOf(line: { total: number; statuses: OutcomeStatus[] }, lang: Language = 'en'): string {
  const count = (s: OutcomeStatus) => line.statuses.filter((x) => x === s).length;
  const passed = `${count('pass')}/${line.total}`;
  if (lang === 'ko') {
    const extra = (['fail', 'error', 'not-applicable'] as const).filter((s) => count(s)).map((s) => `${STATUS_NAMES[s].ko} ${count(s)}`);
    return `${passed} ${STATUS_NAMES.pass.ko}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  }
  const extra = [
    count('fail') ? `${count('fail')} failed` : '',
    count('error') ? `${count('error')} error` : '',
    count('not-applicable') ? `${count('not-applicable')} n/a` : '',
  ].filter(Boolean);
  return `${passed} passed${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
