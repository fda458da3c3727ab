// What `verify` prints while it works (phase lines, one line per check suite, the "fix first"
// heading, the files written) follows the command's language: Korean with --lang ko (the
// default), English with --lang en (issue 13 item 4). Graded from a snapshot file (no emulator).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveSnapshot } from '../../checks/inventory/snapshot';
import { withoutRedis } from '../../fixtures/inventories/variants';
import { expectOneSentence, runCli, tempDirs, userEnv } from './support';

const tempDir = tempDirs('cloudmart-progress-language-');
/** The English progress and status words that used to reach a Korean student. */
const ENGLISH_STATUS = /collecting|starting|creating|grading|wrote|passed|failed|\berror\b|n\/a|of the total|Architecture|architecture|high-availability|security|monitoring/;
const HANGUL = /[\uac00-\ud7a3]/;

let snapshotFile: string;

beforeAll(() => {
  // No Redis tier: some checks fail and some are blocked, so the suite lines and the fix-first list have content.
  snapshotFile = path.join(tempDir(), 's01.inventory.json');
  writeFileSync(snapshotFile, saveSnapshot(withoutRedis() as never));
});

/** The lines verify prints before and after the report's own table (the table is tested with the renderers). */
function statusLines(stdout: string): string[] {
  const lines = stdout.split('\n');
  const phase = lines.filter((l) => l.startsWith('· '));
  const suites = lines.filter((l) => /[✓✗!-]+\s+\d+\/\d+/.test(l));
  const fixFirst = lines.filter((l) => /:$/.test(l) && !l.startsWith(' '));
  const files = lines.filter((l) => l.includes('report.json'));
  return [...phase, ...suites, ...fixFirst, ...files];
}

describe.concurrent('verify prints its progress in the command language', { timeout: 180_000 }, () => {
  it('--lang ko (and no --lang): no English phase, suite, heading or "wrote" line', async () => {
    for (const lang of [['--lang', 'ko'], []]) {
      const out = tempDir();
      const run = await runCli(['verify', '--from-snapshot', snapshotFile, '--format', 'json', '--out', out, ...lang], { env: userEnv() });
      expect(run.code, run.stderr).toBe(1);
      const lines = statusLines(run.stdout);
      // Four suite lines, one phase line, the fix-first heading and the file written.
      expect(lines.length, run.stdout).toBeGreaterThanOrEqual(7);
      for (const line of lines) {
        expect(line, run.stdout).toMatch(HANGUL);
        expect(line, run.stdout).not.toMatch(ENGLISH_STATUS);
      }
      expect(run.stdout).toContain('아키텍처');
      expect(run.stdout).toContain('괄호 안: 총점에서 잃은 점수');
      expect(run.stdout).toContain(`${path.join(out, 'report.json')} 저장함`);
    }
  });

  it('--lang en: the same lines in English', async () => {
    const out = tempDir();
    const run = await runCli(['verify', '--from-snapshot', snapshotFile, '--format', 'json', '--out', out, '--lang', 'en'], { env: userEnv() });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).not.toMatch(HANGUL);
    expect(run.stdout).toMatch(/^· grading the saved inventory of s01 .* offline$/m);
    expect(run.stdout).toMatch(/^Architecture\s+[✓✗!-]+\s+\d+\/\d+ passed/m);
    expect(run.stdout).toMatch(/^High availability\s+[✓✗!-]+\s+\d+\/\d+ passed/m);
    expect(run.stdout).toContain('in brackets: points lost from the total');
    expect(run.stdout).toContain(`wrote ${path.join(out, 'report.json')}`);
  });

  it('waivers keygen says what it wrote in Korean by default, in English with --lang en', async () => {
    const ko = await runCli(['waivers', 'keygen', '--dir', tempDir()], { env: userEnv() });
    expect(ko.code, ko.stderr).toBe(0);
    for (const line of ko.stdout.trim().split('\n')) {
      expect(line).toMatch(HANGUL);
      expect(line).not.toMatch(/wrote|key id/);
    }
    const en = await runCli(['waivers', 'keygen', '--dir', tempDir(), '--lang', 'en'], { env: userEnv() });
    expect(en.stdout).toMatch(/^key id [0-9a-f]{16}\nwrote /);
  });

  it("verify's option conflicts are one Korean sentence by default", async () => {
    const run = await runCli(['verify', '--from-snapshot', snapshotFile, '--target', 'local', '--out', tempDir()], { env: userEnv() });
    const sentence = expectOneSentence(run, 2);
    expect(sentence).toMatch(HANGUL);
    expect(sentence).not.toMatch(/cannot be combined/);
  });
});
