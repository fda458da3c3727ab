// The backup tier: a vault and a daily plan (retention >= 7 days) whose selection covers
// the RDS instance.
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, synthesize, type Synthesized } from './support';

let s: Synthesized;

beforeAll(() => {
  s = synthesize('production');
});

describe('backup', () => {
  it('has a daily rule into the vault that keeps recovery points at least 7 days', () => {
    const [plan] = Object.values(resourcesOf(s.raw('Backup'), 'AWS::Backup::BackupPlan'));
    const vaultId = Object.keys(resourcesOf(s.raw('Backup'), 'AWS::Backup::BackupVault'))[0]!;
    const rules = (plan!.BackupPlan as { BackupPlanRule: { ScheduleExpression: string; Lifecycle: { DeleteAfterDays: number }; TargetBackupVault: unknown }[] }).BackupPlanRule;
    expect(rules).toHaveLength(1);
    expect(rules[0]!.ScheduleExpression).toMatch(/^cron\(0 18 \* \* \? \*\)$/);
    expect(rules[0]!.Lifecycle.DeleteAfterDays).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(rules[0]!.TargetBackupVault)).toContain(vaultId);
  });

  it('selects the RDS instance by ARN', () => {
    const [selection] = Object.values(resourcesOf(s.raw('Backup'), 'AWS::Backup::BackupSelection'));
    const resources = JSON.stringify((selection!.BackupSelection as { Resources: unknown[] }).Resources);
    expect(resources).toContain(':rds:ap-northeast-2:');
    expect(resources).toContain(':db:');
    const dbRef = /"Fn::ImportValue":"(CloudMart-alice-Data:[^"]+)"/.exec(resources)![1]!;
    const output = Object.values(s.raw('Data').Outputs ?? {}).find((o) => (o as { Export?: { Name: string } }).Export?.Name === dbRef) as { Value: { Ref: string } };
    expect(s.raw('Data').Resources[output.Value.Ref]!.Type).toBe('AWS::RDS::DBInstance');
  });
});
