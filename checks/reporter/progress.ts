// The console progress of a live run, one line per suite:
//   security            ✓✓✗✓✓✓!✓✓-✓✓✓  10/13 passed (1 failed, 1 error, 1 n/a)
// Marks of the suite that runs first are written as they come; a suite that runs at the same
// time is buffered and written when the line before it ends, so lines never interleave.
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
        this.stream.write(line.name.padEnd(this.width));
        this.headerWritten = true;
      }
      const fresh = line.statuses.slice(this.written).map((s) => MARKS[s]).join('');
      if (fresh) this.stream.write(fresh);
      this.written = line.statuses.length;
      if (!line.ended) return;
      this.stream.write(`  ${summaryOf(line)}\n`);
      this.order.shift();
      this.written = 0;
      this.headerWritten = false;
    }
  }
}

export function summaryOf(line: { total: number; statuses: OutcomeStatus[] }): string {
  const count = (s: OutcomeStatus) => line.statuses.filter((x) => x === s).length;
  const extra = [
    count('fail') ? `${count('fail')} failed` : '',
    count('error') ? `${count('error')} error` : '',
    count('not-applicable') ? `${count('not-applicable')} n/a` : '',
  ].filter(Boolean);
  return `${count('pass')}/${line.total} passed${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
