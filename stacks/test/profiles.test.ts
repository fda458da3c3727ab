// What the profiles change: lab (destroyable within the lab), default (one NAT for cost),
// production (one NAT per AZ); the rest of the design is the same in every profile.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProfileName } from '../config';
import { resourcesOf, synthesize, type Synthesized } from './support';

const synthesized = {} as Record<ProfileName, Synthesized>;

beforeAll(() => {
  for (const profile of ['lab', 'default', 'production'] as const) synthesized[profile] = synthesize(profile);
});

function db(profile: ProfileName) {
  const t = synthesized[profile].raw('Data');
  const [id] = Object.keys(resourcesOf(t, 'AWS::RDS::DBInstance'));
  return { props: t.Resources[id!]!.Properties!, policy: t.Resources[id!]!.DeletionPolicy };
}

describe('profiles', () => {
  it('use one NAT gateway in lab and default, one per AZ in production', () => {
    expect(Object.keys(synthesized.lab.template('Network').findResources('AWS::EC2::NatGateway'))).toHaveLength(1);
    expect(Object.keys(synthesized.default.template('Network').findResources('AWS::EC2::NatGateway'))).toHaveLength(1);
    expect(Object.keys(synthesized.production.template('Network').findResources('AWS::EC2::NatGateway'))).toHaveLength(2);
  });

  it('turn RDS deletion protection off only in lab, where the database is deleted with its stack', () => {
    expect(db('lab').props.DeletionProtection).toBe(false);
    expect(db('lab').policy).toBe('Delete');
    for (const profile of ['default', 'production'] as const) {
      expect(db(profile).props.DeletionProtection, profile).toBe(true);
      expect(db(profile).policy, profile).toBe('Snapshot');
    }
  });

  it('empty and delete the buckets on destroy only in lab', () => {
    const buckets = (profile: ProfileName) => Object.values(synthesized[profile].templates).flatMap((t) => Object.values(t.Resources).filter((r) => r.Type === 'AWS::S3::Bucket'));
    for (const bucket of buckets('lab')) expect(bucket.DeletionPolicy).toBe('Delete');
    expect(Object.values(synthesized.lab.templates).some((t) => Object.values(t.Resources).some((r) => r.Type === 'Custom::S3AutoDeleteObjects'))).toBe(true);
    for (const bucket of buckets('production')) expect(bucket.DeletionPolicy).toBe('Retain');
    expect(Object.values(synthesized.production.templates).some((t) => Object.values(t.Resources).some((r) => r.Type === 'Custom::S3AutoDeleteObjects'))).toBe(false);
  });

  it('keep backups at least 7 days everywhere and longer in production', () => {
    const days = (profile: ProfileName) => {
      const plan = Object.values(resourcesOf(synthesized[profile].raw('Backup'), 'AWS::Backup::BackupPlan'))[0]!;
      return (plan.BackupPlan as { BackupPlanRule: { Lifecycle: { DeleteAfterDays: number } }[] }).BackupPlanRule[0]!.Lifecycle.DeleteAfterDays;
    };
    expect(days('lab')).toBeGreaterThanOrEqual(7);
    expect(days('default')).toBeGreaterThanOrEqual(7);
    expect(days('production')).toBeGreaterThan(days('lab'));
    for (const profile of ['lab', 'default', 'production'] as const) expect(db(profile).props.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
  });

  it('keep the production-grade design in every profile: Multi-AZ database and cache, two instances minimum', () => {
    for (const profile of ['lab', 'default', 'production'] as const) {
      expect(db(profile).props.MultiAZ, profile).toBe(true);
      const redis = Object.values(resourcesOf(synthesized[profile].raw('Data'), 'AWS::ElastiCache::ReplicationGroup'))[0]!;
      expect(redis.MultiAZEnabled, profile).toBe(true);
      const asg = Object.values(resourcesOf(synthesized[profile].raw('App'), 'AWS::AutoScaling::AutoScalingGroup'))[0]!;
      expect(asg.MinSize, profile).toBe('2');
    }
  });

  it('set a log retention in every profile, longer in production', () => {
    const retention = (profile: ProfileName) =>
      Object.values(resourcesOf(synthesized[profile].raw('App'), 'AWS::Logs::LogGroup')).find((g) => g.LogGroupName === '/cloudmart/alice/api')!.RetentionInDays as number;
    expect(retention('lab')).toBeGreaterThan(0);
    expect(retention('production')).toBeGreaterThan(retention('lab'));
  });
});
