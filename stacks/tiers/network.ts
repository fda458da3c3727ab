// Network tier: the VPC over two explicit AZs with public, private-with-egress and
// isolated subnets, NAT gateways (one, or one per AZ) and VPC flow logs.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkTierProps {
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly natGateways: number;
  readonly flowLogRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** Subnet group names, so other tiers select subnets by role rather than by type alone. */
export const SUBNETS = { public: 'public', app: 'app', data: 'data' } as const;

export class NetworkTier extends Construct {
  readonly vpc: ec2.Vpc;
  readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NetworkTierProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      // Explicit AZs: no context lookup, so synth needs no AWS credentials.
      availabilityZones: [...props.availabilityZones],
      natGateways: props.natGateways,
      natGatewaySubnets: { subnetGroupName: SUBNETS.public },
      subnetConfiguration: [
        // Only the ALB and the NAT gateways live here; nothing gets a public IP by default.
        { name: SUBNETS.public, subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: SUBNETS.app, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
        { name: SUBNETS.data, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      // Restricting the default SG needs a custom-resource Lambda; nothing uses the default SG.
      restrictDefaultSecurityGroup: false,
    });
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention,
      removalPolicy: props.removalPolicy,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
