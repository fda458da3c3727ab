// Architecture checks: a failing variant (naming the offending resource), passing cases and
// not-applicable where it applies. `error` cases (datasets not collected) are in
// rules.errors.test.ts for every check.
import { describe, expect, it } from 'vitest';
import { IDS, STUDENT } from '../../fixtures/inventories/reference';
import { consoleBuilt, withoutAlb, withoutAsg, withoutDistribution, withoutRds, withoutRedis } from '../../fixtures/inventories/variants';
import { resolveCheckConfig } from '../config';
import type { Inventory } from '../inventory/types';
import { read } from '../rules/lib/collected';
import { failing, reference, run, variant } from './support/run-check';
import { isIsoTime } from '../rules/tags.cleanup';


describe('vpc.multi-az-subnets', () => {
  it('passes with public and private subnets in both AZs', () => {
    const o = run('vpc.multi-az-subnets', reference());
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([expect.objectContaining({ id: IDS.vpc, status: 'pass' })]);
  });
  it('fails when the public subnets sit in one AZ', () => {
    const inv = variant((inv) => {
      read(inv.ec2.subnets).find((s) => s.SubnetId === IDS.subnets.publicC)!.AvailabilityZone = 'ap-northeast-2a';
    });
    const o = run('vpc.multi-az-subnets', inv);
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.vpc, detail: expect.stringContaining('public subnets in 1 AZ(s)') })]);
  });
  it('fails when the second AZ has no public route (its subnet falls back to the main route table)', () => {
    const inv = variant((inv) => {
      const table = read(inv.ec2.routeTables).find((t) => t.RouteTableId === IDS.routeTables.public)!;
      table.Associations = table.Associations!.filter((a) => a.SubnetId !== IDS.subnets.publicC);
    });
    expect(run('vpc.multi-az-subnets', inv).status).toBe('fail');
  });
  it('fails when the deployment has no VPC', () => {
    const o = run('vpc.multi-az-subnets', variant((inv) => (inv.ec2.vpcs = { status: 'collected', data: [] })));
    expect(o).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('No VPC') } });
  });
});

describe('vpc.private-tiers', () => {
  it('passes on the reference', () => expect(run('vpc.private-tiers', reference()).status).toBe('pass'));
  it('fails when an app instance has a public IP', () => {
    const o = run('vpc.private-tiers', variant((inv) => (read(inv.ec2.instances)[0]!.PublicIpAddress = '3.35.1.1')));
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.instances.a, detail: expect.stringContaining('public IP 3.35.1.1') })]);
  });
  it('fails when the DB subnet group holds a public subnet', () => {
    const o = run(
      'vpc.private-tiers',
      variant((inv) => {
        read(inv.rds.instances)[0]!.DBSubnetGroup!.Subnets![0]!.SubnetIdentifier = IDS.subnets.publicA;
      }),
    );
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id, detail: expect.stringContaining(`${IDS.subnets.publicA} (public`) })]);
  });
  it('fails when the ASG launches into a public subnet', () => {
    const o = run('vpc.private-tiers', variant((inv) => (read(inv.autoscaling.groups)[0]!.VPCZoneIdentifier = `${IDS.subnets.appA},${IDS.subnets.publicC}`)));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.asg.name })]);
  });
  it('fails when the launch template assigns public IPs', () => {
    const o = run(
      'vpc.private-tiers',
      variant((inv) => {
        for (const v of read(inv.ec2.launchTemplateVersions)) v.LaunchTemplateData!.NetworkInterfaces = [{ DeviceIndex: 0, AssociatePublicIpAddress: true }];
      }),
    );
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.asg.name, detail: expect.stringContaining('assigns a public IP') })]);
  });
  it('fails when the Redis subnet group holds a public subnet', () => {
    const o = run('vpc.private-tiers', variant((inv) => (read(inv.elasticache.subnetGroups)[0]!.Subnets![1]!.SubnetIdentifier = IDS.subnets.publicC)));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.redis.id })]);
  });
  it('is an error when a subnet has no route table in the inventory', () => {
    const inv = variant((inv) => {
      const tables = read(inv.ec2.routeTables).filter((t) => t.RouteTableId !== IDS.routeTables.data && t.RouteTableId !== IDS.routeTables.main);
      inv.ec2.routeTables = { status: 'collected', data: tables };
    });
    expect(run('vpc.private-tiers', inv)).toMatchObject({ status: 'error', summary: { en: expect.stringContaining(IDS.subnets.dataA) } });
  });
  it('passes a deployment without Redis (the tier is skipped) and is not-applicable with no tier at all', () => {
    expect(run('vpc.private-tiers', withoutRedis()).status).toBe('pass');
    expect(run('vpc.private-tiers', withoutAsg(withoutRds(withoutRedis()))).status).toBe('not-applicable');
  });
});

describe('alb.internet-facing', () => {
  it('passes on the reference', () => expect(run('alb.internet-facing', reference()).status).toBe('pass'));
  it('fails an internal ALB', () => {
    const o = run('alb.internet-facing', variant((inv) => (read(inv.elbv2.loadBalancers)[0]!.Scheme = 'internal')));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.alb.name, detail: expect.stringContaining('scheme is internal') })]);
  });
  it('fails an ALB whose listener does not forward', () => {
    const o = run(
      'alb.internet-facing',
      variant((inv) => (read(inv.elbv2.listeners)[0]!.DefaultActions = [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }])),
    );
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.alb.name, detail: expect.stringContaining('forwards to a target group') })]);
  });
  it('fails an ALB placed in private subnets', () => {
    const o = run(
      'alb.internet-facing',
      variant((inv) => {
        read(inv.elbv2.loadBalancers)[0]!.AvailabilityZones = [
          { ZoneName: 'ap-northeast-2a', SubnetId: IDS.subnets.appA },
          { ZoneName: 'ap-northeast-2c', SubnetId: IDS.subnets.appC },
        ];
      }),
    );
    expect(failing(o)[0]).toMatchObject({ id: IDS.alb.name, detail: expect.stringContaining('non-public subnet') });
  });
  it('passes with a forward in ForwardConfig and an extra internal ALB', () => {
    const inv = variant((inv) => {
      read(inv.elbv2.listeners)[0]!.DefaultActions = [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: IDS.targetGroup.arn, Weight: 1 }] } }];
      read(inv.elbv2.loadBalancers).push({ ...read(inv.elbv2.loadBalancers)[0]!, LoadBalancerArn: 'arn:internal', LoadBalancerName: 'internal', Scheme: 'internal' });
    });
    const o = run('alb.internet-facing', inv);
    expect(o.status).toBe('pass');
    expect(failing(o)).toEqual([expect.objectContaining({ id: 'internal' })]);
  });
  it('fails when there is no ALB at all', () => {
    expect(run('alb.internet-facing', withoutAlb())).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('No application load balancer') } });
  });
});

describe('asg.behind-alb', () => {
  it('passes on the reference', () => expect(run('asg.behind-alb', reference()).status).toBe('pass'));
  it('fails EC2 health checks', () => {
    const o = run('asg.behind-alb', variant((inv) => (read(inv.autoscaling.groups)[0]!.HealthCheckType = 'EC2')));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.asg.name, detail: expect.stringContaining('health check type is EC2') })]);
  });
  // HealthCheckType "A comma-separated value string of one or more health check types" (EC2, EBS, ELB, VPC_LATTICE): Amazon EC2 Auto Scaling API Reference, AutoScalingGroup / UpdateAutoScalingGroup.
  it('passes ELB,EBS (the list CDK withAdditionalChecks writes) and fails a list without ELB', () => {
    const o = run('asg.behind-alb', variant((inv) => (read(inv.autoscaling.groups)[0]!.HealthCheckType = 'ELB,EBS')));
    expect(o.status).toBe('pass');
    expect(o.resources[0]!.detail).toContain('ELB health checks (ELB,EBS)');
    const ebsOnly = run('asg.behind-alb', variant((inv) => (read(inv.autoscaling.groups)[0]!.HealthCheckType = 'EC2,EBS')));
    expect(failing(ebsOnly)).toEqual([expect.objectContaining({ id: IDS.asg.name, detail: expect.stringContaining('EC2,EBS, which does not include ELB') })]);
  });
  it('fails a launch configuration', () => {
    const o = run(
      'asg.behind-alb',
      variant((inv) => {
        const g = read(inv.autoscaling.groups)[0]!;
        delete g.LaunchTemplate;
        g.LaunchConfigurationName = 'old-lc';
      }),
    );
    expect(failing(o)[0]!.detail).toContain('launch configuration old-lc');
  });
  it('fails an ASG attached to no target group', () => {
    const o = run('asg.behind-alb', variant((inv) => (read(inv.autoscaling.groups)[0]!.TargetGroupARNs = [])));
    expect(failing(o)[0]!.detail).toContain('not attached to a target group');
  });
  it('fails when there is no ASG', () => {
    expect(run('asg.behind-alb', withoutAsg())).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('No Auto Scaling group') } });
  });
});

describe('rds.postgres-present', () => {
  it('passes on the reference', () => expect(run('rds.postgres-present', reference()).status).toBe('pass'));
  it('fails a MySQL-only deployment', () => {
    const o = run('rds.postgres-present', variant((inv) => (read(inv.rds.instances)[0]!.Engine = 'mysql')));
    expect(o).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('mysql') } });
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id })]);
  });
  it('fails a DB subnet group with a public subnet', () => {
    const o = run('rds.postgres-present', variant((inv) => (read(inv.rds.instances)[0]!.DBSubnetGroup!.Subnets![1]!.SubnetIdentifier = IDS.subnets.publicC)));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.db.id, detail: expect.stringContaining('public subnets in the group') })]);
  });
  it('fails when there is no RDS instance', () => {
    expect(run('rds.postgres-present', withoutRds())).toMatchObject({ status: 'fail', summary: { en: 'No RDS instance was found in the deployment.' } });
  });
});

describe('elasticache.redis-present', () => {
  it('passes on the reference, and with a Valkey group', () => {
    expect(run('elasticache.redis-present', reference()).status).toBe('pass');
    expect(run('elasticache.redis-present', variant((inv) => (read(inv.elasticache.replicationGroups)[0]!.Engine = 'valkey'))).status).toBe('pass');
  });
  it('fails a cache subnet group with a public subnet', () => {
    const o = run('elasticache.redis-present', variant((inv) => (read(inv.elasticache.subnetGroups)[0]!.Subnets![0]!.SubnetIdentifier = IDS.subnets.publicA)));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.redis.id, detail: expect.stringContaining('(public)') })]);
  });
  it('fails when there is no Redis at all (the partial deployment)', () => {
    expect(run('elasticache.redis-present', withoutRedis())).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('No Redis') } });
  });
});

describe('frontend.s3-cloudfront', () => {
  it('passes on the reference', () => expect(run('frontend.s3-cloudfront', reference()).status).toBe('pass'));
  it('fails without a default root object', () => {
    const o = run('frontend.s3-cloudfront', variant((inv) => (read(inv.cloudfront.distributions)[0]!.config.DefaultRootObject = '')));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.distribution.id, detail: 'no default root object' })]);
  });
  it('fails when the origin bucket is not a bucket of the deployment', () => {
    const o = run(
      'frontend.s3-cloudfront',
      variant((inv) => (read(inv.cloudfront.distributions)[0]!.config.Origins!.Items![0]!.DomainName = 'someone-else.s3.ap-northeast-2.amazonaws.com')),
    );
    expect(failing(o)[0]!.detail).toContain('someone-else are not buckets of the deployment');
  });
  it('fails when there is no distribution', () => {
    expect(run('frontend.s3-cloudfront', withoutDistribution()).status).toBe('fail');
  });
});

describe('wiring.targets-healthy', () => {
  it('passes on the reference', () => expect(run('wiring.targets-healthy', reference()).status).toBe('pass'));
  it('fails with fewer healthy targets than the ASG minimum', () => {
    const o = run(
      'wiring.targets-healthy',
      variant((inv) => {
        read(inv.elbv2.targetHealth)[IDS.targetGroup.arn]![1]!.TargetHealth = { State: 'unhealthy', Reason: 'Target.FailedHealthChecks' };
      }),
    );
    expect(failing(o)).toEqual([
      expect.objectContaining({ id: IDS.targetGroup.arn.split(':').pop(), detail: expect.stringContaining('1 healthy target(s), ASG CloudMart-s01-asg minimum is 2') }),
    ]);
    expect(failing(o)[0]!.detail).toContain(`${IDS.instances.c} unhealthy (Target.FailedHealthChecks)`);
  });
  it('fails when a healthy target is not an instance of the ASG', () => {
    const o = run(
      'wiring.targets-healthy',
      variant((inv) => {
        read(inv.elbv2.targetHealth)[IDS.targetGroup.arn]!.push({ Target: { Id: 'i-0stray000000000001', Port: 8080 }, TargetHealth: { State: 'healthy' } });
      }),
    );
    expect(failing(o)[0]!.detail).toContain('not in ASG CloudMart-s01-asg: i-0stray000000000001');
  });
  it('fails an ASG attached to no target group', () => {
    const o = run('wiring.targets-healthy', variant((inv) => (read(inv.autoscaling.groups)[0]!.TargetGroupARNs = [])));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.asg.name, detail: 'is not attached to any target group' })]);
  });
  it('is not-applicable without an ASG and an error when the target health of its group is missing', () => {
    expect(run('wiring.targets-healthy', withoutAsg()).status).toBe('not-applicable');
    const o = run('wiring.targets-healthy', variant((inv) => (inv.elbv2.targetHealth = { status: 'collected', data: {} })));
    expect(o).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('no target health was collected') } });
  });
});

describe('cost.within-budget', () => {
  it('passes on the reference and shows the estimate and the price table date', () => {
    const o = run('cost.within-budget', reference());
    expect(o.status).toBe('pass');
    expect(o.evidence).toMatchObject({ budgetUsd: 0.8, minutes: 50, priceTable: { region: 'ap-northeast-2', asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect((o.evidence!.totalUsd as number) > 0.1 && (o.evidence!.totalUsd as number) < 0.8).toBe(true);
    expect(o.resources.map((r) => r.id)).toEqual(expect.arrayContaining(['EC2 t3.micro x 2 (running instances)', 'NAT gateway x 2']));
  });
  it('fails when the app runs on large instances, naming the biggest line', () => {
    const o = run(
      'cost.within-budget',
      variant((inv) => {
        const instances = read(inv.ec2.instances);
        for (const i of instances) i.InstanceType = 'm5.large';
        for (let n = 0; n < 4; n++) instances.push({ ...instances[0]!, InstanceId: `i-0extra00000000000${n}` });
      }),
    );
    expect(o).toMatchObject({ status: 'fail', summary: { en: expect.stringContaining('the biggest line is EC2 m5.large x 6') } });
    expect(failing(o).map((r) => r.id)).toContain('EC2 m5.large x 6 (running instances)');
  });
  it('honours the configured budget and lab length', () => {
    expect(run('cost.within-budget', reference(), resolveCheckConfig({ budgetUsd: 0.1 })).status).toBe('fail');
    expect(run('cost.within-budget', reference(), resolveCheckConfig({ labMinutes: 5 })).status).toBe('pass');
  });
  it('is an error, never a pass at 0, when the price table lacks a type', () => {
    const o = run('cost.within-budget', variant((inv) => (read(inv.ec2.instances)[0]!.InstanceType = 'x1e.32xlarge')));
    expect(o).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('x1e.32xlarge') } });
  });
});

describe('tags.cleanup', () => {
  it('passes on the reference and on the console-built deployment', () => {
    expect(run('tags.cleanup', reference())).toMatchObject({ status: 'pass', evidence: { offenders: 0, skippedUntaggable: 7 } });
    expect(run('tags.cleanup', consoleBuilt()).status).toBe('pass');
  });
  it('fails a resource without cloudmart:expires-at and lists it', () => {
    const inv = variant((inv) => {
      delete inv.discovery.resources.find((r) => r.id === IDS.db.id)!.tags!['cloudmart:expires-at'];
    });
    const o = run('tags.cleanup', inv);
    expect(o.status).toBe('fail');
    expect(o.resources).toEqual([{ id: IDS.db.id, arn: IDS.db.arn, type: 'AWS::RDS::DBInstance', status: 'fail', detail: 'no cloudmart:expires-at tag', detailKo: expect.any(String) }]);
  });
  it("fails another student's tag and an expiry that is not a date", () => {
    const inv = variant((inv) => {
      inv.discovery.resources.find((r) => r.id === IDS.bucket)!.tags!['cloudmart:student'] = 's02';
      inv.discovery.resources.find((r) => r.id === IDS.vpc)!.tags!['cloudmart:expires-at'] = 'tomorrow';
    });
    const o = run('tags.cleanup', inv);
    expect(failing(o).map((r) => [r.id, r.detail])).toEqual([
      [IDS.vpc, 'cloudmart:expires-at "tomorrow" is not an ISO-8601 time'],
      [IDS.bucket, `cloudmart:student is "s02", not "${STUDENT}"`],
    ]);
  });
  it('is an error when the tags of an always-taggable resource could not be read', () => {
    const o = run('tags.cleanup', variant((inv) => (inv.discovery.resources.find((r) => r.id === IDS.db.id)!.tags = null)));
    expect(o).toMatchObject({ status: 'error', summary: { en: expect.stringContaining(IDS.db.id) } });
  });
  describe('resources AWS creates (default security group, main route table, target-tracking alarms)', () => {
    // As discovery finds them on AWS: untagged, because neither CloudFormation nor the console tags them.
    const untaggedAwsCreated = (inv: Inventory) => {
      const defaultGroup = { GroupId: 'sg-0default00000000', GroupName: 'default', VpcId: IDS.vpc, IpPermissions: [], IpPermissionsEgress: [] };
      inv.ec2.securityGroups = { status: 'collected', data: [...read(inv.ec2.securityGroups), defaultGroup] };
      const add = (type: string, id: string) =>
        inv.discovery.resources.push({ arn: `arn:aws:test:::${id}`, type, id, via: ['graph'], tags: {} });
      add('AWS::EC2::SecurityGroup', defaultGroup.GroupId);
      add('AWS::CloudWatch::Alarm', 'TargetTracking-CloudMart-s01-asg-AlarmHigh-1');
      inv.discovery.resources.find((r) => r.id === IDS.routeTables.main)!.tags = {};
    };

    it('does not ask them to carry the cleanup tags, and says so in a note', () => {
      const o = run('tags.cleanup', variant(untaggedAwsCreated));
      expect(o.status).toBe('pass');
      expect(o.evidence).toMatchObject({ createdByAws: expect.arrayContaining(['sg-0default00000000', IDS.routeTables.main, 'TargetTracking-CloudMart-s01-asg-AlarmHigh-1']) });
      expect(o.notes?.map((n) => n.en).join(' ')).toContain('AWS creates them');
    });

    it("still fails the student's own untagged alarm, even one a step-scaling policy uses", () => {
      const o = run(
        'tags.cleanup',
        variant((inv) => {
          untaggedAwsCreated(inv);
          inv.discovery.resources.push({ arn: 'arn:aws:test:::my-cpu-alarm', type: 'AWS::CloudWatch::Alarm', id: 'my-cpu-alarm', via: ['tag'], tags: {} });
        }),
      );
      expect(o.status).toBe('fail');
      expect(failing(o).map((r) => r.id)).toEqual(['my-cpu-alarm']);
    });

    it('is an error, not a fail, when the untagged resources could be AWS-created but their datasets were not collected', () => {
      const o = run(
        'tags.cleanup',
        variant((inv) => {
          untaggedAwsCreated(inv);
          inv.ec2.securityGroups = { status: 'not-collected', operation: 'ec2:DescribeSecurityGroups', reason: 'AccessDenied' };
          inv.ec2.routeTables = { status: 'not-collected', operation: 'ec2:DescribeRouteTables', reason: 'AccessDenied' };
        }),
      );
      expect(o).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('created by AWS') } });
    });
  });

  it('validates ISO-8601 times by the calendar', () => {
    expect(['2026-11-27T18:00:00+09:00', '2026-11-27T09:00:00Z', '2026-11-27T09:00:00.123Z', '2026-11-27', '2028-02-29T00:00Z'].every(isIsoTime)).toBe(true);
    expect(['2026-02-31', '2026-13-01T00:00Z', '27/11/2026', '2026-11-27T25:00Z', '', '1764234000'].some(isIsoTime)).toBe(false);
  });
});
