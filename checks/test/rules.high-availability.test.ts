// High-availability checks: failing variants naming the offender, passing cases,
// not-applicable when the tier is absent. Error cases: rules.errors.test.ts.
import { describe, expect, it } from 'vitest';
import { IDS } from '../../fixtures/inventories/reference';
import { MULTI_AZ_CLUSTER, withMultiAzDbCluster, withoutAlb, withoutAsg, withoutRds, withoutRedis } from '../../fixtures/inventories/variants';
import type { Inventory } from '../inventory/types';
import { read } from '../rules/lib/collected';
import { failing, reference, run, variant } from './support/run-check';

const asg = (inv: Inventory) => read(inv.autoscaling.groups)[0]!;
const db = (inv: Inventory) => read(inv.rds.instances)[0]!;
const redis = (inv: Inventory) => read(inv.elasticache.replicationGroups)[0]!;
const cluster = (inv: Inventory) => read(inv.rds.clusters!)[0]!;
const clusterUnreadable = () =>
  variant((inv) => (inv.rds.clusters = { status: 'not-collected', operation: 'rds:DescribeDBClusters', reason: 'AccessDenied: not allowed.' }), withMultiAzDbCluster());
const MEMBERS = `members: ${MULTI_AZ_CLUSTER.members[0]} (writer), ${MULTI_AZ_CLUSTER.members[1]} (reader), ${MULTI_AZ_CLUSTER.members[2]} (reader)`;

describe('asg.multi-az', () => {
  it('passes on the reference', () => expect(run('asg.multi-az', reference()).status).toBe('pass'));
  it('fails a minimum capacity of 1', () => {
    const o = run('asg.multi-az', variant((inv) => (asg(inv).MinSize = 1)));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.asg.name, detail: 'min capacity 1 < 2' })]);
  });
  it('fails an ASG in one subnet whose instances all run in one AZ', () => {
    const o = run(
      'asg.multi-az',
      variant((inv) => {
        asg(inv).AvailabilityZones = ['ap-northeast-2a'];
        for (const i of asg(inv).Instances!) i.AvailabilityZone = 'ap-northeast-2a';
      }),
    );
    expect(failing(o)[0]!.detail).toBe('spans 1 AZ(s) [ap-northeast-2a]; 2 in-service instance(s) in 1 AZ(s) [ap-northeast-2a]');
  });
  it('counts only in-service instances', () => {
    const o = run('asg.multi-az', variant((inv) => (asg(inv).Instances![1]!.LifecycleState = 'Pending')));
    expect(failing(o)[0]!.detail).toContain('1 in-service instance(s) in 1 AZ(s)');
  });
  it('is not-applicable without an ASG', () => expect(run('asg.multi-az', withoutAsg()).status).toBe('not-applicable'));
});

describe('asg.scaling-policy', () => {
  it('passes with target tracking, and with step scaling', () => {
    expect(run('asg.scaling-policy', reference()).status).toBe('pass');
    expect(run('asg.scaling-policy', variant((inv) => (read(inv.autoscaling.policies)[0]!.PolicyType = 'StepScaling'))).status).toBe('pass');
  });
  it('fails without a policy', () => {
    const o = run('asg.scaling-policy', variant((inv) => (inv.autoscaling.policies = { status: 'collected', data: [] })));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.asg.name, detail: 'no scaling policy' })]);
  });
  it('fails a simple scaling policy and max = min', () => {
    expect(failing(run('asg.scaling-policy', variant((inv) => (read(inv.autoscaling.policies)[0]!.PolicyType = 'SimpleScaling'))))[0]!.detail).toContain(
      'no enabled target-tracking or step policy (has cpu50 SimpleScaling)',
    );
    expect(failing(run('asg.scaling-policy', variant((inv) => (asg(inv).MaxSize = 2))))[0]!.detail).toBe('max capacity 2 is not above min capacity 2');
  });
  it('is not-applicable without an ASG', () => expect(run('asg.scaling-policy', withoutAsg()).status).toBe('not-applicable'));
});

describe('alb.multi-az', () => {
  it('passes on the reference', () => expect(run('alb.multi-az', reference()).status).toBe('pass'));
  it('fails an ALB in one AZ', () => {
    const o = run('alb.multi-az', variant((inv) => (read(inv.elbv2.loadBalancers)[0]!.AvailabilityZones = [{ ZoneName: 'ap-northeast-2a', SubnetId: IDS.subnets.publicA }])));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.alb.name, arn: IDS.alb.arn, detail: 'enabled in 1 AZ(s): ap-northeast-2a' })]);
  });
  it('is not-applicable without an ALB', () => expect(run('alb.multi-az', withoutAlb()).status).toBe('not-applicable'));
});

describe('rds.multi-az', () => {
  it('passes on the reference', () => expect(run('rds.multi-az', reference()).resources[0]!.detail).toBe('Multi-AZ: primary in ap-northeast-2a, standby in ap-northeast-2c'));
  it('fails a single-AZ instance', () => {
    const o = run('rds.multi-az', variant((inv) => (db(inv).MultiAZ = false)));
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id, arn: IDS.db.arn, detail: 'single-AZ in ap-northeast-2a' })]);
  });
  it('is not-applicable without RDS', () => expect(run('rds.multi-az', withoutRds()).status).toBe('not-applicable'));

  // A Multi-AZ DB cluster: one writer and two reader instances in three AZs, the cluster reports MultiAZ (each member's own MultiAZ is false).
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ ("a cluster-level row with three DB instance rows"); https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBCluster.html (MultiAZ, DBClusterMembers)
  const CLUSTER = 'cloudmart-s01-db-cluster';
  const asMultiAzCluster = (inv: Inventory, clusterMultiAz = true) => {
    const base = db(inv);
    const azs = ['ap-northeast-2a', 'ap-northeast-2b', 'ap-northeast-2c'];
    const members = azs.map((az, i) => ({
      ...base,
      DBInstanceIdentifier: `${CLUSTER}-instance-${i + 1}`,
      DBInstanceArn: `${base.DBInstanceArn!.replace(/:db:.*$/, ':db:')}${CLUSTER}-instance-${i + 1}`,
      DBClusterIdentifier: CLUSTER,
      MultiAZ: false,
      AvailabilityZone: az,
      SecondaryAvailabilityZone: undefined,
    }));
    inv.rds.instances = { status: 'collected', data: members };
    inv.rds.clusters = {
      status: 'collected',
      data: [
        {
          DBClusterIdentifier: CLUSTER,
          DBClusterArn: `${base.DBInstanceArn!.replace(/:db:.*$/, ':cluster:')}${CLUSTER}`,
          Engine: 'postgres',
          MultiAZ: clusterMultiAz,
          AvailabilityZones: azs,
          DBClusterMembers: members.map((m, i) => ({ DBInstanceIdentifier: m.DBInstanceIdentifier, IsClusterWriter: i === 0 })),
        },
      ],
    };
  };
  it('passes the members of a Multi-AZ DB cluster (each member reports MultiAZ false), judged once by the cluster', () => {
    const o = run('rds.multi-az', variant((inv) => asMultiAzCluster(inv)));
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([
      expect.objectContaining({
        id: CLUSTER,
        type: 'AWS::RDS::DBCluster',
        detail: `Multi-AZ DB cluster: ${CLUSTER}-instance-1 (writer), ${CLUSTER}-instance-2 (reader), ${CLUSTER}-instance-3 (reader) in ap-northeast-2a, ap-northeast-2b, ap-northeast-2c`,
      }),
    ]);
  });
  it('fails a DB cluster that is not Multi-AZ, naming the cluster', () => {
    const o = run('rds.multi-az', variant((inv) => asMultiAzCluster(inv, false)));
    expect(failing(o)).toEqual([expect.objectContaining({ id: CLUSTER, detail: expect.stringContaining('DB cluster not Multi-AZ') })]);
  });
  it('is error, not a silent fail, when the cluster of a member could not be read', () => {
    const o = run(
      'rds.multi-az',
      variant((inv) => {
        asMultiAzCluster(inv);
        inv.rds.clusters = { status: 'not-collected', operation: 'rds:DescribeDBClusters', reason: 'AccessDenied: not allowed.' };
      }),
    );
    expect(o.status).toBe('error');
    expect(JSON.stringify(o.summary)).toContain(`belong to DB cluster ${CLUSTER}, whose Multi-AZ setting could not be read (rds:DescribeDBClusters failed`);
  });
});

describe('elasticache.automatic-failover', () => {
  it('passes on the reference', () => expect(run('elasticache.automatic-failover', reference()).status).toBe('pass'));
  it('fails with automatic failover disabled', () => {
    const o = run('elasticache.automatic-failover', variant((inv) => (redis(inv).AutomaticFailover = 'disabled')));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.redis.id, detail: expect.stringContaining('automatic failover disabled') })]);
  });
  it('fails a single node (no replica) and Multi-AZ off', () => {
    const single = variant((inv) => {
      redis(inv).NodeGroups![0]!.NodeGroupMembers!.pop();
      redis(inv).MemberClusters!.pop();
    });
    expect(failing(run('elasticache.automatic-failover', single))[0]!.detail).toContain('0 replica(s)');
    expect(failing(run('elasticache.automatic-failover', variant((inv) => (redis(inv).MultiAZ = 'disabled'))))[0]!.detail).toContain('Multi-AZ disabled');
  });
  it('counts replicas from member clusters when node groups are missing', () => {
    expect(run('elasticache.automatic-failover', variant((inv) => delete redis(inv).NodeGroups)).status).toBe('pass');
  });
  it('is not-applicable without Redis', () => expect(run('elasticache.automatic-failover', withoutRedis()).status).toBe('not-applicable'));
});

describe('rds.backup-retention', () => {
  it('passes 7 days', () => expect(run('rds.backup-retention', reference()).status).toBe('pass'));
  it('fails 1 day', () => {
    const o = run('rds.backup-retention', variant((inv) => (db(inv).BackupRetentionPeriod = 1)));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id, detail: 'backup retention 1 day(s) (minimum 7)' })]);
  });
  it('is not-applicable without RDS', () => expect(run('rds.backup-retention', withoutRds()).status).toBe('not-applicable'));

  // BackupRetentionPeriod of a DB cluster: ModifyDBCluster "Valid for Cluster Type: Aurora DB clusters and Multi-AZ DB clusters": https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html
  it('judges a Multi-AZ DB cluster once, by the cluster, with its ARN and members', () => {
    const o = run('rds.backup-retention', withMultiAzDbCluster());
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([
      expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, arn: MULTI_AZ_CLUSTER.arn, type: 'AWS::RDS::DBCluster', detail: `backup retention 7 day(s) (minimum 7), set on the DB cluster (${MEMBERS})` }),
    ]);
    const short = run('rds.backup-retention', variant((inv) => (cluster(inv).BackupRetentionPeriod = 1), withMultiAzDbCluster()));
    expect(failing(short)).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, detail: expect.stringMatching(/^backup retention 1 day\(s\) \(minimum 7\), set on the DB cluster/) })]);
  });
  it('is error when the cluster of a member could not be read, and when the retention is not reported', () => {
    const o = run('rds.backup-retention', clusterUnreadable());
    expect(o.status).toBe('error');
    expect(o.summary?.en).toContain(`belong to DB cluster ${MULTI_AZ_CLUSTER.id}, whose backup retention period could not be read (rds:DescribeDBClusters failed: AccessDenied: not allowed.)`);
    const unreported = run('rds.backup-retention', variant((inv) => delete cluster(inv).BackupRetentionPeriod, withMultiAzDbCluster()));
    expect(unreported).toMatchObject({ status: 'error', summary: { en: `Cannot be judged: ${MULTI_AZ_CLUSTER.id}: BackupRetentionPeriod was not reported by the API, set on the DB cluster (${MEMBERS}).` } });
  });
});

describe('backup.plan-covers-rds', () => {
  const selection = (inv: Inventory) => read(inv.backup.plans)[0]!.selections[0]!;
  const covered = (mutate: (inv: Inventory) => void) => run('backup.plan-covers-rds', variant(mutate));

  it('passes a selection by ARN and notes that no recovery point exists yet', () => {
    const o = run('backup.plan-covers-rds', reference());
    expect(o.status).toBe('pass');
    expect(o.resources[0]!.detail).toContain('via selection CloudMart-s01-db by ARN');
    expect(o.notes?.map((n) => n.en)).toEqual(['No recovery point exists yet for cloudmart-s01-db: the plan has not run yet.']);
  });
  it('has no note once a recovery point exists, and only a note when recovery points cannot be read', () => {
    const ran = covered((inv) => {
      read(inv.backup.recoveryPoints)[IDS.db.arn] = [{ RecoveryPointArn: 'arn:aws:backup:rp-1', Status: 'COMPLETED' }];
    });
    expect(ran).toMatchObject({ status: 'pass' });
    expect(ran.notes).toBeUndefined();
    const unknown = covered((inv) => (inv.backup.recoveryPoints = { status: 'not-collected', operation: 'backup:ListRecoveryPointsByResource', reason: 'AccessDenied' }));
    expect(unknown.status).toBe('pass');
    expect(unknown.notes?.map((n) => n.en)).toEqual([expect.stringContaining('Recovery points could not be read (backup:ListRecoveryPointsByResource: AccessDenied)')]);
  });
  it.each([
    ['the RDS wildcard', { Resources: ['arn:aws:rds:*:*:db:*'] }],
    ['"*"', { Resources: ['*'] }],
    ['ListOfTags the instance satisfies', { ListOfTags: [{ ConditionType: 'STRINGEQUALS' as const, ConditionKey: 'cloudmart:student', ConditionValue: 's01' }] }],
    ['ListOfTags with the aws:ResourceTag/ prefix', { ListOfTags: [{ ConditionType: 'STRINGEQUALS' as const, ConditionKey: 'aws:ResourceTag/cloudmart:student', ConditionValue: 's01' }] }],
    [
      'Resources narrowed by Conditions it meets',
      { Resources: ['arn:aws:rds:*:*:db:*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/cloudmart:student', ConditionValue: 's01' }], StringLike: [{ ConditionKey: 'aws:ResourceTag/cloudmart:expires-at', ConditionValue: '2026-*' }], StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'dev' }] } },
    ],
  ])('passes a selection by %s', (_how, fields) => {
    expect(covered((inv) => Object.assign(selection(inv), { Resources: undefined, ...fields })).status).toBe('pass');
  });
  it('fails a selection by a tag the DB does not carry, showing its tags', () => {
    const o = covered((inv) =>
      Object.assign(selection(inv), { Resources: undefined, ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] }),
    );
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id, detail: expect.stringContaining('no selection of the 1 backup plan(s) covers it (its tags: cloudmart:student=s01') })]);
  });
  it('fails when NotResources excludes the instance or a condition does not hold', () => {
    expect(covered((inv) => Object.assign(selection(inv), { Resources: ['*'], NotResources: ['arn:aws:rds:*:*:db:cloudmart-*'] })).status).toBe('fail');
    expect(
      covered((inv) => Object.assign(selection(inv), { Conditions: { StringNotLike: [{ ConditionKey: 'aws:ResourceTag/cloudmart:student', ConditionValue: 's0*' }] } })).status,
    ).toBe('fail');
    expect(covered((inv) => Object.assign(selection(inv), { Resources: ['arn:aws:rds:*:*:db:other-db'] })).status).toBe('fail');
  });
  it('fails a plan that keeps backups 3 days', () => {
    const o = covered((inv) => (read(inv.backup.plans)[0]!.plan.Rules![0]!.Lifecycle = { DeleteAfterDays: 3 }));
    expect(failing(o)[0]!.detail).toBe('selected only by plans keeping backups less than 7 days: CloudMart-s01-plan (3 day(s))');
  });
  it('passes a rule without a lifecycle (kept forever)', () => {
    expect(covered((inv) => delete read(inv.backup.plans)[0]!.plan.Rules![0]!.Lifecycle).status).toBe('pass');
  });
  it('fails without any backup plan', () => {
    const o = covered((inv) => (inv.backup.plans = { status: 'collected', data: [] }));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id, detail: 'no AWS Backup plan exists' })]);
  });
  it('is not-applicable without RDS', () => expect(run('backup.plan-covers-rds', withoutRds()).status).toBe('not-applicable'));

  // AWS Backup backs up "Amazon RDS instances and clusters"; a DB cluster by its cluster ARN (arn:aws:rds:region:account:cluster:id): https://docs.aws.amazon.com/aws-backup/latest/devguide/rds-backup.html
  it('passes a Multi-AZ DB cluster selected by its cluster ARN, judged once, without claiming no recovery point exists', () => {
    const o = run('backup.plan-covers-rds', withMultiAzDbCluster());
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, arn: MULTI_AZ_CLUSTER.arn, type: 'AWS::RDS::DBCluster' })]);
    expect(o.resources[0]!.detail).toBe(`covered by plan CloudMart-s01-plan (retention 7 day(s)) via selection CloudMart-s01-db by ARN, set on the DB cluster (${MEMBERS})`);
    expect(o.notes?.map((n) => n.en)).toEqual([`The recovery points of DB cluster ${MULTI_AZ_CLUSTER.id} were not read (only DB instances' are).`]);
  });
  it('fails a cluster whose selection names its member instances, saying a cluster is backed up by its cluster ARN', () => {
    const members = run(
      'backup.plan-covers-rds',
      variant((inv) => (selection(inv).Resources = read(inv.rds.instances).map((m) => m.DBInstanceArn!)), withMultiAzDbCluster()),
    );
    expect(failing(members)).toEqual([
      expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, detail: expect.stringContaining(`a selection names member instance ARNs, not the cluster's: a DB cluster is backed up by its cluster ARN (${MULTI_AZ_CLUSTER.arn})`) }),
    ]);
    expect(run('backup.plan-covers-rds', variant((inv) => (selection(inv).Resources = ['arn:aws:rds:*:*:cluster:*']), withMultiAzDbCluster())).status).toBe('pass');
  });
  it('is error when the cluster of a member could not be read', () => {
    const o = run('backup.plan-covers-rds', clusterUnreadable());
    expect(o.status).toBe('error');
    expect(o.summary?.en).toContain(`belong to DB cluster ${MULTI_AZ_CLUSTER.id}, whose ARN and tags could not be read`);
  });
});

describe('rds.deletion-protection', () => {
  it('passes when on', () => expect(run('rds.deletion-protection', reference()).status).toBe('pass'));
  it('fails when off', () => {
    expect(failing(run('rds.deletion-protection', variant((inv) => (db(inv).DeletionProtection = false))))).toEqual([
      expect.objectContaining({ id: IDS.db.id, detail: 'deletion protection off' }),
    ]);
  });
  it('is not-applicable without RDS', () => expect(run('rds.deletion-protection', withoutRds()).status).toBe('not-applicable'));

  // ModifyDBCluster DeletionProtection: "Valid for Cluster Type: Aurora DB clusters and Multi-AZ DB clusters": https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html
  it('judges a Multi-AZ DB cluster by the cluster, not by its members (which report false)', () => {
    const o = run('rds.deletion-protection', withMultiAzDbCluster());
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([
      expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, arn: MULTI_AZ_CLUSTER.arn, type: 'AWS::RDS::DBCluster', detail: `deletion protection on, set on the DB cluster (${MEMBERS})` }),
    ]);
    const off = run('rds.deletion-protection', variant((inv) => (cluster(inv).DeletionProtection = false), withMultiAzDbCluster()));
    expect(failing(off)).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, detail: `deletion protection off, set on the DB cluster (${MEMBERS})` })]);
  });
  it('is error when the cluster of a member could not be read', () => {
    const o = run('rds.deletion-protection', clusterUnreadable());
    expect(o.status).toBe('error');
    expect(o.summary?.en).toContain(`belong to DB cluster ${MULTI_AZ_CLUSTER.id}, whose deletion protection could not be read (rds:DescribeDBClusters failed: AccessDenied: not allowed.); in a Multi-AZ DB cluster this setting lives on the cluster`);
  });
});

describe('elasticache.snapshots', () => {
  it('passes 1 day', () => expect(run('elasticache.snapshots', reference()).status).toBe('pass'));
  it('fails 0 days', () => {
    expect(failing(run('elasticache.snapshots', variant((inv) => (redis(inv).SnapshotRetentionLimit = 0))))).toEqual([
      expect.objectContaining({ id: IDS.redis.id, detail: expect.stringContaining('snapshot retention 0 day(s)') }),
    ]);
  });
  it('is not-applicable without Redis', () => expect(run('elasticache.snapshots', withoutRedis()).status).toBe('not-applicable'));
});

describe('nat.per-az', () => {
  it('passes one NAT per AZ (isolated data subnets need none)', () => {
    const o = run('nat.per-az', reference());
    expect(o.status).toBe('pass');
    expect(o.resources.map((r) => r.id).sort()).toEqual([IDS.subnets.appA, IDS.subnets.appC].sort());
  });
  it('fails one NAT shared by both AZs', () => {
    const o = run(
      'nat.per-az',
      variant((inv) => {
        read(inv.ec2.routeTables).find((t) => t.RouteTableId === IDS.routeTables.appC)!.Routes![1]!.NatGatewayId = IDS.nat.a;
      }),
    );
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.subnets.appC, detail: `in ap-northeast-2c: routes through ${IDS.nat.a} in ap-northeast-2a` })]);
  });
  it('is not-applicable when no private subnet has a default route', () => {
    const isolated = variant((inv) => {
      for (const t of read(inv.ec2.routeTables)) t.Routes = t.Routes!.filter((r) => !r.NatGatewayId);
    });
    expect(run('nat.per-az', isolated).status).toBe('not-applicable');
  });
});
