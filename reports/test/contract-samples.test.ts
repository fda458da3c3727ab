// The stored sample run and report stay in step with the contract and with scoring: if this
// fails after an intended change, regenerate them:
//   const run = JSON.parse(readFileSync('fixtures/reports/sample-check-run.json', 'utf8'));
//   writeFileSync('fixtures/reports/sample-report.json', JSON.stringify(scoreRun(run, { rubric: defaultRubric(), tool: { name: 'cloudmart-harness', version: '0.1.0' } }), null, 2) + '\n');
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckRun, Report } from '../../contract/report';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/reports');
const load = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));

describe('stored samples', () => {
  it('the sample check run is a valid CheckRun and scores to the stored report.json', () => {
    const run = CheckRun.parse(load('sample-check-run.json'));
    const stored = Report.parse(load('sample-report.json'));
    expect(scoreRun(run, { rubric: defaultRubric(), tool: stored.tool })).toEqual(stored);
    expect(stored.checks.find((c) => c.id === 'drill.rds-failover')).toMatchObject({ points: 8.75, maxPoints: 10 });
  });

  it('the stored report has every field interface.md requires', () => {
    const stored = load('sample-report.json') as Record<string, unknown>;
    for (const key of ['schemaVersion', 'tool', 'target', 'startedAt', 'finishedAt', 'score', 'checks']) expect(stored).toHaveProperty(key);
    const check = (stored.checks as Record<string, unknown>[])[0]!;
    for (const key of ['id', 'category', 'severity', 'status', 'points', 'maxPoints', 'resources', 'remediation', 'refs']) expect(check).toHaveProperty(key);
  });
});
