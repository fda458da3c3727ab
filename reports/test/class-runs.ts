// A class of 30 (fixtures/rosters/class-30.csv) and the check run each student would get:
// shared by the class report's tests here and grade's flow tests in commands/test/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckRun } from '../../contract/report';
import { sampleRun } from '../../fixtures/reports/sample-runs';
import { parseRoster, type RosterEntry } from '../class/roster';

export const roster = parseRoster(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/rosters/class-30.csv'), 'utf8'));

// What each emulated scenario of the roster breaks (a subset of sandbox/scenarios' defects).
export const BREAKS: Record<string, string[]> = {
  reference: [],
  'rds-single-az': ['rds.multi-az'],
  'db-open-to-internet': ['sg.db-from-app-only'],
  'redis-no-failover': ['elasticache.automatic-failover'],
  'alarm-without-action': ['alarms.actions'],
  'public-bucket': ['s3.block-public-access', 'cloudfront.origin-access-control'],
  imdsv1: ['ec2.imdsv2'],
  'shared-nat': ['nat.per-az'],
  'no-dashboard': ['dashboard.present'],
  'log-group-no-retention': ['logs.retention'],
};

export function runFor(entry: RosterEntry, finishedAt = '2026-11-26T05:03:20.000Z'): CheckRun {
  const statuses = Object.fromEntries((BREAKS[entry.scenario ?? 'reference'] ?? []).map((id) => [id, 'fail' as const]));
  return { ...sampleRun({ student: entry.student, accountId: entry.roleArn!.split(':')[4], statuses }), finishedAt };
}
