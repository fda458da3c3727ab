// Turns synthesized CloudFormation templates into the resources the estimator prices:
// the synth side of the cost estimate (the live check builds the same records from the
// discovered resources). Only what costs money at lab scale is extracted; a value the
// estimate depends on that is not a literal (or a parameter with a default) is a UsageError.
import { UsageError } from '../../contract/errors';
import type { CloudFormationResource, CloudFormationTemplate } from '../template';
import type { CostedResource } from './estimator';

/** The root volume an instance gets when the template names none (Amazon Linux 2023 AMIs: 8 GB gp3). */
export const ASSUMED_ROOT_VOLUME = { volumeType: 'gp3', sizeGb: 8 } as const;
/** The label of a cost line priced with ASSUMED_ROOT_VOLUME. */
export const AMI_DEFAULT_ROOT_VOLUME = Object.freeze({ ko: 'AMI 기본 루트 볼륨', en: 'AMI default root volume' });
/** Public subnets an internet-facing ALB spans when the template's subnet list is not literal. */
const ASSUMED_ALB_AZS = 2;

type Templates = Readonly<Record<string, CloudFormationTemplate>> | readonly CloudFormationTemplate[];

export function costedResourcesFromTemplates(templates: Templates): CostedResource[] {
  const entries: [string, CloudFormationTemplate][] = Array.isArray(templates)
    ? templates.map((t, i) => [`template ${i + 1}`, t] as [string, CloudFormationTemplate])
    : Object.entries(templates as Record<string, CloudFormationTemplate>);
  const counts = new Map<string, CostedResource>();
  const bump = (key: string, make: () => CostedResource, by: number) => {
    const existing = counts.get(key);
    if (existing && 'count' in existing) existing.count += by;
    else if (existing && 'nodes' in existing) existing.nodes += by;
    else counts.set(key, make());
  };
  const simple = (kind: 'nat-gateway' | 'alb' | 'public-ipv4' | 'secret' | 'alarm' | 'dashboard' | 'kms-key' | 'cloudfront-distribution' | 's3-bucket', by = 1) =>
    bump(kind, () => ({ kind, count: by }), by);
  const ec2 = (instanceType: string, count: number) => bump(`ec2:${instanceType}`, () => ({ kind: 'ec2', instanceType, count }), count);
  const ebs = (volumeType: string, sizeGb: number, count: number, label?: typeof AMI_DEFAULT_ROOT_VOLUME) =>
    bump(`ebs:${volumeType}:${sizeGb}:${label?.en ?? ''}`, () => ({ kind: 'ebs', volumeType, sizeGb, count, ...(label ? { label } : {}) }), count);

  for (const [name, template] of entries) {
    const read = new TemplateReader(name, template);
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const props = resource.Properties ?? {};
      switch (resource.Type) {
        case 'AWS::AutoScaling::AutoScalingGroup': {
          const count = read.number(logicalId, props.DesiredCapacity ?? props.MinSize, 'MinSize');
          if (count === 0) break;
          const launch = read.launchData(logicalId, resource);
          ec2(launch.instanceType, count);
          for (const volume of launch.volumes) ebs(volume.volumeType, volume.sizeGb, count, volume.assumed ? AMI_DEFAULT_ROOT_VOLUME : undefined);
          if (launch.publicIp) simple('public-ipv4', count);
          break;
        }
        case 'AWS::EC2::Instance': {
          ec2(read.string(logicalId, props.InstanceType, 'InstanceType'), 1);
          for (const volume of read.volumes(logicalId, props.BlockDeviceMappings)) ebs(volume.volumeType, volume.sizeGb, 1, volume.assumed ? AMI_DEFAULT_ROOT_VOLUME : undefined);
          break;
        }
        case 'AWS::RDS::DBInstance': {
          if (props.DBClusterIdentifier !== undefined) {
            throw new UsageError({
              ko: `${name}/${logicalId}은(는) Aurora 클러스터 멤버입니다: 추정기는 자체 스토리지가 있는 RDS 인스턴스만 계산합니다.`,
              en: `${name}/${logicalId} is an Aurora cluster member: the estimator prices RDS instances with their own storage only.`,
            });
          }
          const instanceClass = read.string(logicalId, props.DBInstanceClass, 'DBInstanceClass');
          const multiAz = read.boolean(logicalId, props.MultiAZ ?? false, 'MultiAZ');
          const allocatedStorageGb = read.number(logicalId, props.AllocatedStorage ?? 20, 'AllocatedStorage');
          const storageType = read.string(logicalId, props.StorageType ?? 'gp2', 'StorageType');
          counts.set(`rds:${name}:${logicalId}`, { kind: 'rds', instanceClass, multiAz, allocatedStorageGb, storageType });
          break;
        }
        case 'AWS::ElastiCache::ReplicationGroup': {
          const nodeType = read.string(logicalId, props.CacheNodeType, 'CacheNodeType');
          let nodes: number;
          if (props.NumCacheClusters !== undefined) nodes = read.number(logicalId, props.NumCacheClusters, 'NumCacheClusters');
          else {
            const groups = read.number(logicalId, props.NumNodeGroups ?? 1, 'NumNodeGroups');
            const replicas = read.number(logicalId, props.ReplicasPerNodeGroup ?? 0, 'ReplicasPerNodeGroup');
            nodes = groups * (1 + replicas);
          }
          bump(`elasticache:${nodeType}`, () => ({ kind: 'elasticache', nodeType, nodes }), nodes);
          break;
        }
        case 'AWS::ElastiCache::CacheCluster': {
          const nodeType = read.string(logicalId, props.CacheNodeType, 'CacheNodeType');
          const nodes = read.number(logicalId, props.NumCacheNodes ?? 1, 'NumCacheNodes');
          bump(`elasticache:${nodeType}`, () => ({ kind: 'elasticache', nodeType, nodes }), nodes);
          break;
        }
        case 'AWS::EC2::NatGateway':
          simple('nat-gateway'); // its Elastic IP is counted with AWS::EC2::EIP
          break;
        case 'AWS::EC2::EIP':
          simple('public-ipv4');
          break;
        case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
          if ((props.Type ?? 'application') !== 'application') break;
          simple('alb');
          if ((props.Scheme ?? 'internet-facing') === 'internet-facing') {
            const subnets = props.SubnetMappings ?? props.Subnets;
            simple('public-ipv4', Array.isArray(subnets) ? subnets.length : ASSUMED_ALB_AZS);
          }
          break;
        }
        case 'AWS::AutoScaling::ScalingPolicy':
          // Target tracking creates two CloudWatch alarms (high and low) at deploy time.
          if (props.PolicyType === 'TargetTrackingScaling') simple('alarm', 2);
          break;
        case 'AWS::SecretsManager::Secret':
          simple('secret');
          break;
        case 'AWS::CloudWatch::Alarm':
        case 'AWS::CloudWatch::CompositeAlarm':
          simple('alarm');
          break;
        case 'AWS::CloudWatch::Dashboard':
          simple('dashboard');
          break;
        case 'AWS::KMS::Key':
          simple('kms-key');
          break;
        case 'AWS::CloudFront::Distribution':
          simple('cloudfront-distribution');
          break;
        case 'AWS::S3::Bucket':
          simple('s3-bucket');
          break;
        default:
          break;
      }
    }
  }
  return [...counts.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** The order of the estimate's lines: the big hourly items first. */
const KIND_ORDER: readonly CostedResource['kind'][] = [
  'ec2',
  'ebs',
  'alb',
  'nat-gateway',
  'public-ipv4',
  'rds',
  'elasticache',
  'secret',
  'alarm',
  'dashboard',
  'kms-key',
  'cloudfront-distribution',
  's3-bucket',
];

interface Volume {
  volumeType: string;
  sizeGb: number;
  assumed: boolean;
}

/** Reads literal values out of one template, following Refs to resources and parameter defaults. */
class TemplateReader {
  constructor(
    private readonly name: string,
    private readonly template: CloudFormationTemplate,
  ) {}

  private resolve(value: unknown): unknown {
    if (value && typeof value === 'object' && !Array.isArray(value) && 'Ref' in value) {
      const parameter = this.template.Parameters?.[(value as { Ref: string }).Ref];
      if (parameter && parameter.Default !== undefined) return parameter.Default;
    }
    return value;
  }

  private fail(logicalId: string, property: string, value: unknown): never {
    const literal = value === undefined ? undefined : JSON.stringify(value).slice(0, 80);
    throw new UsageError({
      ko: `${this.name}/${logicalId}의 비용을 추정할 수 없습니다: ${property}이(가) ${literal === undefined ? '없습니다' : `리터럴 값이 아닙니다 (${literal})`}.`,
      en: `Cannot estimate the cost of ${this.name}/${logicalId}: its ${property} is ${literal === undefined ? 'missing' : `not a literal value (${literal})`}.`,
    });
  }

  string(logicalId: string, value: unknown, property: string): string {
    const resolved = this.resolve(value);
    return typeof resolved === 'string' && resolved.length > 0 ? resolved : this.fail(logicalId, property, value);
  }

  number(logicalId: string, value: unknown, property: string): number {
    const resolved = this.resolve(value);
    const n = typeof resolved === 'number' ? resolved : typeof resolved === 'string' && resolved.trim() !== '' ? Number(resolved) : NaN;
    return Number.isFinite(n) && n >= 0 ? n : this.fail(logicalId, property, value);
  }

  boolean(logicalId: string, value: unknown, property: string): boolean {
    const resolved = this.resolve(value);
    if (resolved === true || resolved === 'true') return true;
    if (resolved === false || resolved === 'false') return false;
    return this.fail(logicalId, property, value);
  }

  volumes(logicalId: string, mappings: unknown): Volume[] {
    if (!Array.isArray(mappings) || mappings.length === 0) return [{ ...ASSUMED_ROOT_VOLUME, assumed: true }];
    return mappings
      .map((m) => (m as { Ebs?: { VolumeSize?: unknown; VolumeType?: unknown } }).Ebs)
      .filter((ebs): ebs is { VolumeSize?: unknown; VolumeType?: unknown } => ebs !== undefined)
      .map((ebs) => ({
        volumeType: ebs.VolumeType === undefined ? ASSUMED_ROOT_VOLUME.volumeType : this.string(logicalId, ebs.VolumeType, 'VolumeType'),
        sizeGb: ebs.VolumeSize === undefined ? ASSUMED_ROOT_VOLUME.sizeGb : this.number(logicalId, ebs.VolumeSize, 'VolumeSize'),
        assumed: ebs.VolumeSize === undefined,
      }));
  }

  /** Instance type, volumes and public IP of what an Auto Scaling group launches. */
  launchData(logicalId: string, group: CloudFormationResource): { instanceType: string; volumes: Volume[]; publicIp: boolean } {
    const props = group.Properties ?? {};
    const spec = (props.LaunchTemplate ??
      (props.MixedInstancesPolicy as { LaunchTemplate?: { LaunchTemplateSpecification?: unknown } } | undefined)?.LaunchTemplate?.LaunchTemplateSpecification) as
      | { LaunchTemplateId?: unknown; LaunchTemplateName?: unknown }
      | undefined;
    if (spec) {
      const ref = (spec.LaunchTemplateId ?? spec.LaunchTemplateName) as { Ref?: string } | undefined;
      const templateId = ref?.Ref;
      const template = templateId ? this.template.Resources[templateId] : undefined;
      if (!templateId || !template || template.Type !== 'AWS::EC2::LaunchTemplate') return this.fail(logicalId, 'launch template', spec);
      const data = (template.Properties?.LaunchTemplateData ?? {}) as {
        InstanceType?: unknown;
        BlockDeviceMappings?: unknown;
        NetworkInterfaces?: { AssociatePublicIpAddress?: unknown }[];
      };
      return {
        instanceType: this.string(templateId, data.InstanceType, 'InstanceType'),
        volumes: this.volumes(templateId, data.BlockDeviceMappings),
        publicIp: (data.NetworkInterfaces ?? []).some((ni) => ni.AssociatePublicIpAddress === true || ni.AssociatePublicIpAddress === 'true'),
      };
    }
    const configRef = props.LaunchConfigurationName as { Ref?: string } | undefined;
    const config = configRef?.Ref ? this.template.Resources[configRef.Ref] : undefined;
    if (!config || config.Type !== 'AWS::AutoScaling::LaunchConfiguration') return this.fail(logicalId, 'launch template or configuration', props.LaunchConfigurationName);
    const cp = config.Properties ?? {};
    return {
      instanceType: this.string(configRef!.Ref!, cp.InstanceType, 'InstanceType'),
      volumes: this.volumes(configRef!.Ref!, cp.BlockDeviceMappings),
      publicIp: cp.AssociatePublicIpAddress === true || cp.AssociatePublicIpAddress === 'true',
    };
  }
}
