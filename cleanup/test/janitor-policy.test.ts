// The janitor's permissions: cleanup's own policy, nothing more (its SNS publish is granted by
// the stack on its own topic), with the deletions of the main resources allowed only where
// they carry cloudmart:student, by the condition key each service documents; and its message
// fits what SNS accepts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupPolicy } from '../iam/policy';
import type { AllExpiredResult } from '../all-expired';
import { OPERATIONS } from '../janitor/handler';
import { janitorMessage, SNS_MESSAGE_LIMIT_BYTES } from '../janitor/message';
import { janitorPolicy, TAG_CONDITIONED } from '../janitor/policy';

const JANITOR_DIR = path.resolve(import.meta.dirname, '../janitor');

describe('the janitor policy', () => {
  it('allows every action of cleanup’s policy, each exactly once', () => {
    const cleanup = cleanupPolicy().Statement.flatMap((s) => s.Action).sort();
    expect(janitorPolicy().Statement.flatMap((s) => s.Action).sort()).toEqual(cleanup);
  });

  it('allows the tag-conditioned deletions only on resources carrying cloudmart:student', () => {
    const policy = janitorPolicy();
    for (const { actions, key } of TAG_CONDITIONED) {
      for (const action of actions) {
        const statements = policy.Statement.filter((s) => s.Action.includes(action));
        expect(statements, action).toHaveLength(1);
        expect(statements[0]!.Condition, action).toEqual({ Null: { [key]: 'false' } });
      }
    }
    expect(policy.Statement.find((s) => s.Action.includes('rds:DeleteDBInstance'))!.Condition).toEqual({ Null: { 'rds:db-tag/cloudmart:student': 'false' } });
    // Discovery stays unconditioned (it must see every resource to tell whose it is).
    expect(policy.Statement.find((s) => s.Sid === 'CloudMartCleanupDiscover')!.Condition).toBeUndefined();
  });

  it('leaves out a conditioned statement whose actions cleanup does not have', () => {
    const base = { Version: '2012-10-17' as const, Statement: [{ Sid: 'Only', Effect: 'Allow' as const, Action: ['ec2:DeleteVpc', 'ec2:TerminateInstances'], Resource: '*' as const }] };
    expect(janitorPolicy(base).Statement).toEqual([
      { Sid: 'Only', Effect: 'Allow', Action: ['ec2:DeleteVpc'], Resource: '*' },
      { Sid: 'CloudMartJanitorTaggedOnly3', Effect: 'Allow', Action: ['ec2:TerminateInstances'], Resource: '*', Condition: { Null: { 'aws:ResourceTag/cloudmart:student': 'false' } } },
    ]);
  });

  it('declares the one SDK command the janitor sends beyond cleanup (sns:Publish)', () => {
    const sent = readdirSync(JANITOR_DIR)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(path.join(JANITOR_DIR, f), 'utf8').matchAll(/const\s+\{([^}]*)\}\s*=\s*awsSdk\(\s*'@aws-sdk\/client-sns'\s*\)/g)])
      .flatMap((m) => m[1]!.split(',').map((n) => n.trim()))
      .filter((n) => n.endsWith('Command'))
      .map((n) => `sns:${n.slice(0, -'Command'.length)}`);
    expect(sent).toEqual(['sns:Publish']);
    expect(OPERATIONS.map((o) => o.name)).toEqual(sent);
  });
});

describe('the janitor message', () => {
  const result = (students: number, reasonLength = 10): AllExpiredResult => ({
    exitCode: 0,
    text: '',
    record: {
      kind: 'cloudmart-cleanup-all',
      toolVersion: '0',
      accountId: '123456789012',
      region: 'ap-northeast-2',
      at: '2026-06-01T12:00:00.000Z',
      mode: 'delete',
      interrupted: false,
      notes: [],
      deployments: Array.from({ length: students }, (_, i) => ({
        student: `s${i}`,
        state: 'expired' as const,
        expiries: [],
        status: 'deleted' as const,
        reason: { ko: '지움'.repeat(reasonLength), en: 'deleted'.repeat(reasonLength) },
      })),
    },
  });

  it('has an ASCII subject under 100 characters and the whole record when it fits', () => {
    const { subject, message } = janitorMessage(result(30), 'ko');
    expect(subject).toBe('CloudMart janitor: 30 deleted, 0 failed, 0 kept, ap-northeast-2');
    expect(message).toContain('삭제 모드: 만료된 배포 30개를 정리했습니다.');
    // Korean throughout: the status words too (the JSON record keeps its English keys).
    expect(message).toContain(`\n  s0: 지움 - ${'지움'.repeat(10)}\n`);
    expect(JSON.parse(message.slice(message.indexOf('{')))).toEqual(result(30).record);
  });

  it('cuts the record at the SNS limit and says so, never silently', () => {
    const { message } = janitorMessage(result(40, 800), 'en');
    expect(Buffer.byteLength(message, 'utf8')).toBeLessThanOrEqual(SNS_MESSAGE_LIMIT_BYTES);
    expect(message.trimEnd().endsWith('(the JSON record was cut at the SNS limit of 256 KB: the whole record is in CloudWatch Logs)')).toBe(true);
  });
});
