import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../contract/inventory';
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

  // ALB troubleshooting guide: "HTTPS requests sent to the load balancer return NET::ERR_CERT_COMMON_NAME_INVALID" (no certificate can name *.elb.amazonaws.com).
  it('probes the HTTP listener that forwards, never https://<ALB DNS name>, and keeps a non-default port', () => {
    const lb = arn('loadbalancer/app', 'public/2');
    const forward = [{ Type: 'forward', TargetGroupArn: arn('targetgroup', 'app/3') }];
    const https = { LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 443, DefaultActions: forward };
    expect(fromInventory(inventory({ listeners: [{ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: forward }, https] })).deployment.appUrl).toBe('http://public-1.ap-northeast-2.elb.amazonaws.com');
    expect(fromInventory(inventory({ listeners: [https, { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 8080, DefaultActions: forward }] })).deployment.appUrl).toBe('http://public-1.ap-northeast-2.elb.amazonaws.com:8080');
  });

  it('stops with one sentence asking for --url https://<your domain> when the ALB only serves HTTPS or port 80 only redirects', () => {
    const lb = arn('loadbalancer/app', 'public/2');
    const https = { LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 443, DefaultActions: [{ Type: 'forward', TargetGroupArn: arn('targetgroup', 'app/3') }] };
    const redirect = { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] };
    const onlyHttps = fromInventory(inventory({ listeners: [https] }));
    expect(onlyHttps.deployment.appUrl).toBeUndefined();
    expect(onlyHttps.appUrlProblem?.en).toBe(
      'The load balancer public-1.ap-northeast-2.elb.amazonaws.com cannot be probed by its own name because it only has an HTTPS listener and no certificate can exist for *.elb.amazonaws.com; pass --url https://<your domain>.',
    );
    expect(() => requireParts('instance-loss', onlyHttps.deployment, onlyHttps.appUrlProblem)).toThrow(onlyHttps.appUrlProblem!.en);
    const redirecting = fromInventory(inventory({ listeners: [redirect, https] }));
    expect(redirecting.deployment.appUrl).toBeUndefined();
    expect(redirecting.appUrlProblem?.en).toMatch(/because its HTTP listener only redirects to HTTPS and no certificate can exist for \*\.elb\.amazonaws\.com; pass --url https:\/\/<your domain>\.$/);
    expect(redirecting.appUrlProblem?.ko).toMatch(/--url https:\/\/<내 도메인>/);
    // --url wins: the drill then needs nothing more from the ALB.
    expect(() => requireParts('instance-loss', { ...redirecting.deployment, appUrl: 'https://shop.example.com' }, redirecting.appUrlProblem)).not.toThrow();
  });

  it('leaves out what was not collected, says why, and a drill that needs it refuses with one sentence', () => {
    const inv = inventory();
    (inv.rds as unknown as { instances: unknown }).instances = { status: 'not-collected', operation: 'rds:DescribeDBInstances', reason: 'AccessDenied: not allowed' };
    const { deployment, notes } = fromInventory(inv);
    expect(deployment.dbInstanceIdentifier).toBeUndefined();
    expect(notes.map((n) => n.en)).toContain('RDS instances could not be read (rds:DescribeDBInstances: AccessDenied: not allowed).');
    expect(() => requireParts('rds-failover', deployment)).toThrow(/^The rds-failover drill needs the deployment's RDS DB instance \(--db-instance\), and none was found/);
    expect(() => requireParts('scale-out', deployment)).not.toThrow();
  });
});
