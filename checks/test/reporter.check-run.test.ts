// The reporter's pieces: the CheckRun builder (complete, catalog order, errors for checks that
// did not report), the progress lines, and the vitest adapter's mapping of test results.
import { PassThrough } from 'node:stream';
import type { TestCase, TestModule } from 'vitest/node';
import { describe, expect, it } from 'vitest';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { CheckRun, type Target } from '../../contract/report';
import type { Inventory } from '../inventory/types';
import { buildCheckRun, summarizeDiscovery, type RecordedTest } from '../reporter/build-run';
import { CheckRunReporter } from '../reporter/check-run-reporter';
import { SuiteProgress, summaryOf } from '../reporter/progress';
import { evaluateChecks } from '../rules/evaluate';
import { CHECKS } from '../rules/index';

const target: Target = { kind: 'aws', region: 'ap-northeast-2', accountId: '123456789012', student: 's01' };
const inventory: Inventory = referenceInventory();
const outcomes = evaluateChecks(inventory);
const recorded = (): RecordedTest[] => outcomes.map((o) => ({ checkId: o.id, state: 'passed', outcome: o, errors: [] }));
const base = { target, startedAt: '2026-11-27T06:00:00.000Z', finishedAt: '2026-11-27T06:00:01.000Z', discovery: summarizeDiscovery(inventory.discovery), runErrors: [] };

describe('buildCheckRun', () => {
  it('returns every outcome in catalog order whatever order the tests finished in', () => {
    const run = buildCheckRun({ ...base, tests: recorded().reverse() });
    expect(run.checks.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
    expect(run.checks).toEqual(outcomes);
    expect(CheckRun.parse(run)).toEqual(run);
  });

  it('turns a check that never ran into an error naming the run error', () => {
    const tests = recorded().filter((t) => !t.checkId.startsWith('sg.'));
    const run = buildCheckRun({ ...base, tests, runErrors: ['checks/suites/security.live.ts: SyntaxError: Unexpected token'] });
    const sg = run.checks.filter((c) => c.id.startsWith('sg.'));
    expect(sg).toHaveLength(4);
    for (const c of sg) {
      expect(c).toMatchObject({ status: 'error', summary: { en: 'The check did not run: checks/suites/security.live.ts: SyntaxError: Unexpected token' }, resources: [] });
      expect(c.remediation.ko.length).toBeGreaterThan(0);
    }
    expect(CheckRun.parse(run).checks).toHaveLength(CHECKS.length);
  });

  it('turns a test that crashed before attaching its outcome into an error with the message', () => {
    const tests = recorded().map((t) => (t.checkId === 'rds.multi-az' ? { checkId: t.checkId, state: 'failed' as const, errors: ['TypeError: x is undefined'] } : t));
    expect(buildCheckRun({ ...base, tests }).checks.find((c) => c.id === 'rds.multi-az')).toMatchObject({
      status: 'error',
      summary: { en: "The check's test ended (failed) without an outcome: TypeError: x is undefined" },
    });
  });

  it('never reports a pass for a test that failed', () => {
    const tests = recorded().map((t) => (t.checkId === 'alb.multi-az' ? { ...t, state: 'failed' as const, errors: ['Error: Test timed out in 10000ms.'] } : t));
    const check = buildCheckRun({ ...base, tests }).checks.find((c) => c.id === 'alb.multi-az')!;
    expect(check.status).toBe('error');
    expect(check.summary?.en).toBe('The check passed but its test failed: Error: Test timed out in 10000ms.');
  });
});

describe('SuiteProgress', () => {
  function output(drive: (p: SuiteProgress) => void): string {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    drive(new SuiteProgress(stream));
    return chunks.join('');
  }

  it('writes one line per suite with a mark per check and the counts', () => {
    const text = output((p) => {
      p.start('security', 4);
      for (const s of ['pass', 'fail', 'error', 'not-applicable'] as const) p.record('security', s);
      p.end('security');
    });
    expect(text).toBe('security            ✓✗!-  1/4 passed (1 failed, 1 error, 1 n/a)\n');
  });

  it('never interleaves suites that run at the same time', () => {
    const text = output((p) => {
      p.start('architecture', 2);
      p.start('security', 2);
      p.record('security', 'pass');
      p.record('architecture', 'pass');
      p.record('security', 'fail');
      p.end('security');
      p.record('architecture', 'pass');
      p.end('architecture');
    });
    expect(text.split('\n')).toEqual(['architecture        ✓✓  2/2 passed', 'security            ✓✗  1/2 passed (1 failed)', '']);
  });

  it('summarises counts', () => expect(summaryOf({ total: 3, statuses: ['pass', 'pass', 'pass'] })).toBe('3/3 passed'));
});

describe('CheckRunReporter', () => {
  type FakeTest = { name: string; parent: { type: 'suite'; name: string; parent: { type: 'module' } }; result: () => unknown; meta: () => unknown };
  const fakeTest = (name: string, suite: string, state: string, meta: unknown, errors?: unknown[]): FakeTest => ({
    name,
    parent: { type: 'suite', name: suite, parent: { type: 'module' } },
    result: () => ({ state, errors }),
    meta: () => meta,
  });
  const fakeModule = (suite: string, tests: FakeTest[], errors: unknown[] = []) => ({
    relativeModuleId: `checks/suites/${suite}.live.ts`,
    errors: () => errors,
    children: { suites: () => [{ name: suite, children: { allTests: () => tests } }] },
  });

  it('maps test results and their attached outcomes to the CheckRun and the progress', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    let clock = Date.parse('2026-11-27T06:00:00.000Z');
    const reporter = new CheckRunReporter({ runs: [{ key: target.student, target, discovery: base.discovery }], progress: stream, now: () => new Date((clock += 1000)) });
    const albOutcome = outcomes.find((o) => o.id === 'alb.multi-az')!;
    const tests = [
      fakeTest('alb.multi-az', 'high-availability', 'passed', { checkOutcome: albOutcome }),
      fakeTest('rds.multi-az', 'high-availability', 'failed', {}, [{ name: 'TypeError', message: 'x is undefined' }]),
    ];
    const module = fakeModule('high-availability', tests);
    reporter.onTestRunStart();
    reporter.onTestModuleCollected(module as unknown as TestModule);
    for (const t of tests) reporter.onTestCaseResult(t as unknown as TestCase);
    reporter.onTestModuleEnd(module as unknown as TestModule);
    reporter.onTestRunEnd([module as unknown as TestModule], [], 'failed');
    const run = reporter.result();
    expect(run.startedAt).toBe('2026-11-27T06:00:02.000Z');
    expect(run.finishedAt).toBe('2026-11-27T06:00:03.000Z');
    expect(run.checks.find((c) => c.id === 'alb.multi-az')).toEqual(albOutcome);
    expect(run.checks.find((c) => c.id === 'rds.multi-az')).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('TypeError: x is undefined') } });
    expect(run.checks.find((c) => c.id === 'vpc.multi-az-subnets')).toMatchObject({ status: 'error', summary: { en: 'The check did not run: its live suite did not run it' } });
    expect(chunks.join('')).toBe('high-availability   ✓!  1/2 passed (1 error)\n');
  });

  it('refuses to give a CheckRun before the run ended', () => {
    expect(() => new CheckRunReporter({ runs: [{ key: target.student, target, discovery: base.discovery }] }).result()).toThrow(/not finished/);
  });

  it('builds one CheckRun per deployment of a class run, placing each test by its run key (or its describe when it crashed first)', () => {
    const kim = { ...target, student: 'kim' };
    const lee = { ...target, student: 'lee' };
    const reporter = new CheckRunReporter({
      runs: [
        { key: 'kim', target: kim, discovery: base.discovery },
        { key: 'lee', target: lee, discovery: base.discovery },
      ],
    });
    const alb = outcomes.find((o) => o.id === 'alb.multi-az')!;
    const nested = (name: string, student: string, state: string, meta: unknown, errors?: unknown[]) => ({
      name,
      parent: { type: 'suite', name: student, parent: { type: 'suite', name: 'high-availability', parent: { type: 'module' } } },
      result: () => ({ state, errors }),
      meta: () => meta,
    });
    const tests = [
      nested('alb.multi-az', 'kim', 'passed', { checkOutcome: alb, runKey: 'kim' }),
      nested('alb.multi-az', 'lee', 'failed', { checkOutcome: { ...alb, status: 'fail' }, runKey: 'lee' }),
      nested('rds.multi-az', 'lee', 'failed', {}, [{ name: 'TypeError', message: 'boom' }]),
    ];
    reporter.onTestRunStart();
    for (const t of tests) reporter.onTestCaseResult(t as unknown as TestCase);
    reporter.onTestRunEnd([], [], 'failed');
    const [kimRun, leeRun] = reporter.results();
    expect(kimRun!.target.student).toBe('kim');
    expect(kimRun!.checks.find((c) => c.id === 'alb.multi-az')!.status).toBe('pass');
    expect(kimRun!.checks.find((c) => c.id === 'rds.multi-az')).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('did not run') } });
    expect(leeRun!.checks.find((c) => c.id === 'alb.multi-az')!.status).toBe('fail');
    expect(leeRun!.checks.find((c) => c.id === 'rds.multi-az')).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('TypeError: boom') } });
  });

  it('refuses two deployments with the same key', () => {
    expect(() => new CheckRunReporter({ runs: [{ key: 'kim', target, discovery: base.discovery }, { key: 'kim', target, discovery: base.discovery }] })).toThrow(/share the key kim/);
  });
});
