// Cache tier: an ElastiCache Redis replication group (primary + one replica in the other
// AZ, automatic failover, Multi-AZ), encrypted at rest and in transit, AUTH token generated
// into Secrets Manager and passed to ElastiCache as a dynamic reference (never a literal).
import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';

export interface CacheTierProps {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.ISubnet[];
  readonly securityGroup: ec2.ISecurityGroup;
  readonly nodeType: string;
  readonly replicas: number;
  readonly port: number;
  readonly engineVersion: string;
  readonly snapshotRetentionDays: number;
  readonly availabilityZones: readonly string[];
  readonly removalPolicy: RemovalPolicy;
  readonly secretRemovalPolicy: RemovalPolicy;
  readonly description: string;
}

export class CacheTier extends Construct {
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  readonly authToken: secretsmanager.Secret;
  /** Member cluster IDs (`<group>-001`, `<group>-002`, ...): CloudWatch publishes Redis metrics per node. */
  readonly nodeIds: string[];

  constructor(scope: Construct, id: string, props: CacheTierProps) {
    super(scope, id);
    this.authToken = new secretsmanager.Secret(this, 'AuthToken', {
      description: `${props.description}: Redis AUTH token`,
      // ElastiCache accepts 16-128 printable characters without @ " /: letters and digits only.
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: props.secretRemovalPolicy,
    });
    acknowledgeNag(
      this.authToken,
      'AwsSolutions-SMG4',
      'ElastiCache has no managed rotation function for AUTH tokens (rotation is a ModifyReplicationGroup with AuthTokenUpdateStrategy ROTATE, then SET); the token never leaves Secrets Manager and the cache accepts only the app security group over TLS.',
    );

    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: `${props.description}: isolated subnets`,
      subnetIds: props.subnets.map((subnet) => subnet.subnetId),
    });
    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupDescription: props.description,
      engine: 'redis',
      engineVersion: props.engineVersion,
      cacheNodeType: props.nodeType,
      numCacheClusters: 1 + props.replicas,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      preferredCacheClusterAZs: Array.from({ length: 1 + props.replicas }, (_, i) => props.availabilityZones[i % props.availabilityZones.length]!),
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      authToken: this.authToken.secretValue.unsafeUnwrap(), // a {{resolve:secretsmanager:...}} reference
      port: props.port,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [props.securityGroup.securityGroupId],
      snapshotRetentionLimit: props.snapshotRetentionDays,
      snapshotWindow: '16:00-17:00',
      preferredMaintenanceWindow: 'sun:19:30-sun:20:30',
      autoMinorVersionUpgrade: true,
    });
    this.replicationGroup.applyRemovalPolicy(props.removalPolicy);
    this.nodeIds = Array.from({ length: 1 + props.replicas }, (_, i) => `${this.replicationGroup.ref}-00${i + 1}`);
  }
}
