import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../checks/inventory/types';
import { fromInventory, requireParts } from '../targets/deployment';

const arn = (kind: string, name: string) => `arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:${kind}/${name}`;

function inventory(overrides: Partial<Record<'lbs' | 'tgs' | 'listeners' | 'groups' | 'dbs' | 'rgs', unknown[]>> = {}): Inventory {
  const collected = (data: unknown[]) => ({ status: 'collected' as const, data });
  return {
    target: { region: 'ap-northeast-2', accountId: '123456789012', student: 's01', stackPrefix: 'CloudMart-s01-' },
    elbv2: {
      loadBalancers: collected(
        overrides.lbs ?? [
          { LoadBalancerName: 'internal', LoadBalancerArn: arn('loadbalancer/app', 'internal/1'), Type: 'application', Scheme: 'internal', DNSName: 'internal.elb.amazonaws.com' },
          { LoadBalancerName: 'public', LoadBalancerArn: arn('loadbalancer/app', 'public/2'), Type: 'application', Scheme: 'internet-facing', DNSName: 'public-1.ap-northeast-2.elb.amazonaws.com' },
        ],
      ),
      listeners: collected(overrides.listeners ?? [{ LoadBalancerArn: arn('loadbalancer/app', 'public/2'), Protocol: 'HTTP', Port: 80 }]),
      targetGroups: collected(overrides.tgs ?? [{ TargetGroupArn: arn('targetgroup', 'app/3'), LoadBalancerArns: [arn('loadbalancer/app', 'public/2')] }]),
      targetHealth: collected([]),
    },
    autoscaling: {
      groups: collected(overrides.groups ?? [{ AutoScalingGroupName: 'other' }, { AutoScalingGroupName: 'app-asg', TargetGroupARNs: [arn('targetgroup', 'app/3')] }]),
      policies: collected([]),
    },
    rds: {
      instances: collected(overrides.dbs ?? [{ DBInstanceIdentifier: 'replica', Engine: 'postgres', ReadReplicaSourceDBInstanceIdentifier: 'db' }, { DBInstanceIdentifier: 'db', Engine: 'postgres' }]),
    },
    elasticache: { replicationGroups: collected(overrides.rgs ?? [{ ReplicationGroupId: 'cache', Engine: 'redis' }]), cacheClusters: collected([]), subnetGroups: collected([]) },
  } as unknown as Inventory;
}

describe('the drill deployment from a collected inventory', () => {
  it('picks the internet-facing ALB, its target group, the ASG registered in it, the primary DB and the cache', () => {
    const { deployment } = fromInventory(inventory());
    expect(deployment).toEqual({
      region: 'ap-northeast-2',
      appUrl: 'http://public-1.ap-northeast-2.elb.amazonaws.com',
      loadBalancerName: 'public',
      targetGroupArn: arn('targetgroup', 'app/3'),
      autoScalingGroupName: 'app-asg',
      dbInstanceIdentifier: 'db',
      replicationGroupId: 'cache',
    });
  });

  it('prefers an HTTPS listener for the application URL and keeps a non-default port', () => {
    const lb = arn('loadbalancer/app', 'public/2');
    const { deployment } = fromInventory(inventory({ listeners: [{ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80 }, { LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 8443 }] }));
    expect(deployment.appUrl).toBe('https://public-1.ap-northeast-2.elb.amazonaws.com:8443');
  });

  it('leaves out what was not collected, says why, and a drill that needs it refuses with one sentence', () => {
    const inv = inventory();
    (inv.rds as unknown as { instances: unknown }).instances = { status: 'not-collected', operation: 'rds:DescribeDBInstances', reason: 'AccessDenied: not allowed' };
    const { deployment, notes } = fromInventory(inv);
    expect(deployment.dbInstanceIdentifier).toBeUndefined();
    expect(notes).toContain('RDS instances could not be read (rds:DescribeDBInstances: AccessDenied: not allowed).');
    expect(() => requireParts('rds-failover', deployment)).toThrow(/^The rds-failover drill needs the deployment's RDS DB instance \(--db-instance\), and none was found/);
    expect(() => requireParts('scale-out', deployment)).not.toThrow();
  });
});
