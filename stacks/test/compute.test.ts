// The compute tier: internet-facing ALB in the public subnets, Auto Scaling group in the
// private subnets from a launch template (IMDSv2, encrypted gp3), ELB health checks,
// target tracking on CPU and requests, group metrics, scaling notifications, user data
// that installs the workload with no secret in it, and a least-privilege instance role.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PORTS } from '../config';
import { AL2023_AMI_PARAMETER } from '../tiers/compute';
import { pointsAt, resourcesOf, synthesize, type Synthesized } from './support';

let s: Synthesized;
const APP = 'CloudMart-alice-App';

beforeAll(() => {
  s = synthesize('production');
});

function only<T>(record: Record<string, T>): [string, T] {
  const entries = Object.entries(record);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

function subnetKind(value: unknown): string {
  const target = pointsAt(s.templates, APP, value)!;
  const subnet = s.raw('Network').Resources[target.logicalId]!;
  return ((subnet.Properties!.Tags as { Key: string; Value: string }[]).find((t) => t.Key === 'aws-cdk:subnet-type')!).Value;
}

/** The user data script with CloudFormation intrinsics replaced by placeholders. */
function userData(): string {
  const [, lt] = only(resourcesOf(s.raw('App'), 'AWS::EC2::LaunchTemplate'));
  const parts = ((lt.LaunchTemplateData as { UserData: { 'Fn::Base64': { 'Fn::Join': [string, unknown[]] } } }).UserData['Fn::Base64']['Fn::Join'][1]);
  return parts.map((p) => (typeof p === 'string' ? p : '<<ref>>')).join('');
}

describe('load balancer', () => {
  it('is an internet-facing ALB in the public subnets of both AZs, with access logs', () => {
    const [, alb] = only(resourcesOf(s.raw('App'), 'AWS::ElasticLoadBalancingV2::LoadBalancer'));
    expect(alb.Scheme).toBe('internet-facing');
    expect(alb.Type).toBe('application');
    expect((alb.Subnets as unknown[]).map(subnetKind)).toEqual(['Public', 'Public']);
    expect(alb.LoadBalancerAttributes).toEqual(expect.arrayContaining([{ Key: 'access_logs.s3.enabled', Value: 'true' }]));
  });

  it('forwards its listener to a target group of the API port with the /healthz health check', () => {
    const app = s.template('App');
    const [tgId] = only(resourcesOf(s.raw('App'), 'AWS::ElasticLoadBalancingV2::TargetGroup'));
    app.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: tgId } }],
    });
    app.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: PORTS.app,
      Protocol: 'HTTP',
      TargetType: 'instance',
      HealthCheckPath: '/healthz',
    });
  });
});

describe('auto scaling group', () => {
  it('runs 2 to 4 instances in the private subnets of both AZs behind the target group, with ELB health checks', () => {
    const [, asg] = only(resourcesOf(s.raw('App'), 'AWS::AutoScaling::AutoScalingGroup'));
    const [tgId] = only(resourcesOf(s.raw('App'), 'AWS::ElasticLoadBalancingV2::TargetGroup'));
    expect(asg).toMatchObject({ MinSize: '2', MaxSize: '4', HealthCheckType: 'ELB', TargetGroupARNs: [{ Ref: tgId }] });
    expect((asg.VPCZoneIdentifier as unknown[]).map(subnetKind)).toEqual(['Private', 'Private']);
    expect(asg.LaunchTemplate).toBeDefined();
    expect(asg.LaunchConfigurationName).toBeUndefined();
  });

  it('collects group metrics and notifies the alarm topic of every scaling event', () => {
    const [, asg] = only(resourcesOf(s.raw('App'), 'AWS::AutoScaling::AutoScalingGroup'));
    const [topicId] = only(resourcesOf(s.raw('App'), 'AWS::SNS::Topic'));
    expect(asg.MetricsCollection).toEqual([{ Granularity: '1Minute' }]);
    expect(asg.NotificationConfigurations).toEqual([
      {
        TopicARN: { Ref: topicId },
        NotificationTypes: expect.arrayContaining([
          'autoscaling:EC2_INSTANCE_LAUNCH',
          'autoscaling:EC2_INSTANCE_LAUNCH_ERROR',
          'autoscaling:EC2_INSTANCE_TERMINATE',
          'autoscaling:EC2_INSTANCE_TERMINATE_ERROR',
        ]),
      },
    ]);
  });

  it('tracks CPU and ALB requests per target', () => {
    const policies = Object.values(resourcesOf(s.raw('App'), 'AWS::AutoScaling::ScalingPolicy'));
    const metrics = policies.map((p) => {
      expect(p.PolicyType).toBe('TargetTrackingScaling');
      return (p.TargetTrackingConfiguration as { PredefinedMetricSpecification: { PredefinedMetricType: string } }).PredefinedMetricSpecification.PredefinedMetricType;
    });
    expect(metrics.sort()).toEqual(['ALBRequestCountPerTarget', 'ASGAverageCPUUtilization']);
  });

  it('waits for every instance to report a healthy API before the deployment completes', () => {
    s.template('App').hasResource('AWS::AutoScaling::AutoScalingGroup', { CreationPolicy: { ResourceSignal: { Count: 2 } } });
    expect(userData()).toContain('/opt/aws/bin/cfn-signal');
  });
});

describe('launch template', () => {
  it('requires IMDSv2, launches t3.micro from the Amazon Linux 2023 SSM parameter and encrypts a gp3 root volume', () => {
    const app = s.template('App');
    app.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        InstanceType: 't3.micro',
        MetadataOptions: Match.objectLike({ HttpTokens: 'required' }),
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }) }],
        NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: false })],
      }),
    });
    const [, lt] = only(resourcesOf(s.raw('App'), 'AWS::EC2::LaunchTemplate'));
    const imageParam = ((lt.LaunchTemplateData as { ImageId: { Ref: string } }).ImageId).Ref;
    expect(s.raw('App').Parameters![imageParam]).toMatchObject({ Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: AL2023_AMI_PARAMETER });
  });
});

describe('user data', () => {
  it('installs Node.js 20 and the CloudWatch agent from the AL2023 repositories, unpacks the bundle and runs install.sh with the env file', () => {
    const script = userData();
    expect(script).toMatch(/dnf install -y [^\n]*nodejs20/);
    expect(script).toMatch(/dnf install -y [^\n]*amazon-cloudwatch-agent/);
    expect(script).toContain('/var/log/cloudmart/api.log');
    expect(script).toMatch(/aws s3 cp "s3:\/\/<<ref>>\/[0-9a-f]{64}\.zip"/);
    expect(script).toContain('bash install.sh /etc/cloudmart/api.env');
    expect(script.indexOf('cat > /etc/cloudmart/api.env')).toBeLessThan(script.indexOf('bash install.sh'));
  });

  it('writes exactly the environment of the workload contract, secrets only as ARNs', () => {
    const script = userData();
    const start = "<<'CLOUDMART_ENV'\n";
    const env = script.slice(script.indexOf(start) + start.length, script.indexOf('\nCLOUDMART_ENV\n'));
    const entries = Object.fromEntries(env.split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
    expect(entries).toStrictEqual({
      PORT: '8080',
      AWS_REGION: 'ap-northeast-2',
      DB_SECRET_ARN: '<<ref>>',
      REDIS_HOST: '<<ref>>',
      REDIS_PORT: String(PORTS.cache),
      REDIS_TLS: 'true',
      REDIS_AUTH_SECRET_ARN: '<<ref>>',
      DRILL_ENDPOINTS: 'false',
      LOG_LEVEL: 'info',
    });
  });

  it('holds no secret literal', () => {
    const [, lt] = only(resourcesOf(s.raw('App'), 'AWS::EC2::LaunchTemplate'));
    const text = JSON.stringify(lt.LaunchTemplateData);
    expect(text).not.toMatch(/resolve:secretsmanager|password\s*=|AUTH_TOKEN\s*=|SecretString/i);
    // The only references to secrets are the two ARNs (imported from the Data stack).
    const imports = [...text.matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map((m) => m[1]!);
    const secretImports = imports.filter((name) => /Secret|AuthToken/.test(name));
    expect(secretImports).toHaveLength(2);
  });

  it('turns the drill endpoints on only when asked', () => {
    const withDrills = synthesize('lab', { drillEndpoints: true });
    const [, lt] = only(resourcesOf(withDrills.raw('App'), 'AWS::EC2::LaunchTemplate'));
    expect(JSON.stringify(lt.LaunchTemplateData)).toContain('DRILL_ENDPOINTS=true');
    expect(userData()).toContain('DRILL_ENDPOINTS=false');
  });
});

describe('instance role', () => {
  function statements(): { Action: string | string[]; Resource: unknown; Effect: string }[] {
    const policies = Object.values(resourcesOf(s.raw('App'), 'AWS::IAM::Policy'));
    return policies.flatMap((p) => (p.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Effect: string }[] }).Statement);
  }

  it('allows no wildcard action and no action on every resource', () => {
    for (const statement of statements()) {
      const actions = ([] as string[]).concat(statement.Action);
      expect(actions.some((a) => a === '*' || a.endsWith(':*'))).toBe(false);
      expect(JSON.stringify(statement.Resource)).not.toMatch(/^"\*"$|"\*"/);
    }
  });

  it('reads exactly the two secrets of the workload contract', () => {
    const secretStatements = statements().filter((st) => ([] as string[]).concat(st.Action).includes('secretsmanager:GetSecretValue'));
    expect(secretStatements).toHaveLength(1);
    const resources = ([] as unknown[]).concat(secretStatements[0]!.Resource).map((r) => pointsAt(s.templates, APP, r)!);
    const data = s.raw('Data').Resources;
    expect(resources.map((r) => data[r.logicalId]!.Type).sort()).toEqual(['AWS::SecretsManager::Secret', 'AWS::SecretsManager::SecretTargetAttachment']);
  });

  it('has no AdministratorAccess and only the SSM managed policy', () => {
    const [, role] = only(resourcesOf(s.raw('App'), 'AWS::IAM::Role'));
    expect(JSON.stringify(role.ManagedPolicyArns)).toContain('AmazonSSMManagedInstanceCore');
    expect(role.ManagedPolicyArns as unknown[]).toHaveLength(1);
  });
});
