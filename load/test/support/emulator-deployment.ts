// A CloudMart-shaped deployment in the emulator, created through the real SDK clients:
// two AZs, an internet-facing ALB with a listener and target group, an ASG of two
// instances registered in it with a CPU target-tracking policy, a Multi-AZ PostgreSQL
// instance and a Redis replication group with a replica and automatic failover.
import { AutoScalingClient, CreateAutoScalingGroupCommand, PutScalingPolicyCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateCacheSubnetGroupCommand, CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import { emulatorCredentials } from '../../../sandbox/emulator/emulator';
import type { DrillDeployment } from '../../targets/deployment';

export const REGION = 'ap-northeast-2';

export async function createEmulatorDeployment(endpoint: string, options: { multiAz?: boolean; asg?: { min: number; max: number; desired: number }; student?: string } = {}): Promise<DrillDeployment> {
  // Tagged like a deployment built without the reference stacks, so discovery finds it.
  const tags = options.student ? [{ Key: 'cloudmart:student', Value: options.student }] : [];
  const config = () => ({ endpoint, region: REGION, credentials: emulatorCredentials() });
  const ec2 = new EC2Client(config());
  const elbv2 = new ElasticLoadBalancingV2Client(config());
  const autoscaling = new AutoScalingClient(config());
  const rds = new RDSClient(config());
  const elasticache = new ElastiCacheClient(config());
  try {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', ...(tags.length ? { TagSpecifications: [{ ResourceType: 'vpc', Tags: tags }] } : {}) }))).Vpc!.VpcId!;
    const subnets = await Promise.all(
      ['a', 'c'].map(async (zone, i) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.20.${i}.0/24`, AvailabilityZone: `${REGION}${zone}` }))).Subnet!.SubnetId!),
    );
    const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'alb', Description: 'alb', VpcId: vpc }))).GroupId!;
    const lb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'cloudmart-alb', Subnets: subnets, SecurityGroups: [sg], Scheme: 'internet-facing', Type: 'application', ...(tags.length ? { Tags: tags } : {}) }))).LoadBalancers![0]!;
    const tg = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'cloudmart-tg', Protocol: 'HTTP', Port: 8080, VpcId: vpc, TargetType: 'instance', HealthCheckPath: '/healthz', ...(tags.length ? { Tags: tags } : {}) }))).TargetGroups![0]!;
    await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn!, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn! }] }));
    await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'cloudmart-api', LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.micro' } }));
    const asg = options.asg ?? { min: 2, max: 4, desired: 2 };
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'cloudmart-asg',
        MinSize: asg.min,
        MaxSize: asg.max,
        DesiredCapacity: asg.desired,
        LaunchTemplate: { LaunchTemplateName: 'cloudmart-api', Version: '$Latest' },
        VPCZoneIdentifier: subnets.join(','),
        TargetGroupARNs: [tg.TargetGroupArn!],
        HealthCheckType: 'ELB',
        ...(tags.length ? { Tags: tags.map((t) => ({ ...t, PropagateAtLaunch: true })) } : {}),
      }),
    );
    await autoscaling.send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: 'cloudmart-asg',
        PolicyName: 'cpu50',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
      }),
    );
    await rds.send(new CreateDBSubnetGroupCommand({ DBSubnetGroupName: 'cloudmart-db', DBSubnetGroupDescription: 'db', SubnetIds: subnets }));
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'cloudmart-db',
        Engine: 'postgres',
        DBInstanceClass: 'db.t4g.micro',
        AllocatedStorage: 20,
        MasterUsername: 'cloudmart',
        MasterUserPassword: 'cloudmart-secret',
        MultiAZ: options.multiAz ?? true,
        DBSubnetGroupName: 'cloudmart-db',
        ...(tags.length ? { Tags: tags } : {}),
      }),
    );
    await elasticache.send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: 'cloudmart-cache', CacheSubnetGroupDescription: 'cache', SubnetIds: subnets }));
    await elasticache.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'cloudmart-redis',
        ReplicationGroupDescription: 'cache',
        Engine: 'redis',
        CacheNodeType: 'cache.t4g.micro',
        NumCacheClusters: 2,
        AutomaticFailoverEnabled: true,
        MultiAZEnabled: true,
        CacheSubnetGroupName: 'cloudmart-cache',
        ...(tags.length ? { Tags: tags } : {}),
      }),
    );
    return {
      region: REGION,
      appUrl: `http://${lb.DNSName}`,
      loadBalancerName: lb.LoadBalancerName!,
      targetGroupArn: tg.TargetGroupArn!,
      autoScalingGroupName: 'cloudmart-asg',
      dbInstanceIdentifier: 'cloudmart-db',
      replicationGroupId: 'cloudmart-redis',
    };
  } finally {
    for (const client of [ec2, elbv2, autoscaling, rds, elasticache]) client.destroy();
  }
}
