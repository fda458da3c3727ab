// CloudMart-<student>-Network: the VPC, its flow logs and the security group chain.
import type { Construct } from 'constructs';
import { AVAILABILITY_ZONES, PORTS, type DeploymentConfig } from '../config';
import { NetworkTier } from '../tiers/network';
import { SecurityGroupChain } from '../tiers/security-groups';
import { CloudMartStack } from './base-stack';

export const VPC_CIDR = '10.0.0.0/16';

export class NetworkStack extends CloudMartStack {
  readonly network: NetworkTier;
  readonly securityGroups: SecurityGroupChain;

  constructor(scope: Construct, config: DeploymentConfig) {
    super(scope, 'Network', config, 'VPC over two AZs, NAT, flow logs, security group chain');
    this.network = new NetworkTier(this, 'Network', {
      cidr: VPC_CIDR,
      availabilityZones: AVAILABILITY_ZONES,
      natGateways: this.profile.natGateways,
      flowLogRetention: this.profile.logRetention,
      removalPolicy: this.profile.storageRemovalPolicy,
    });
    this.securityGroups = new SecurityGroupChain(this, 'SecurityGroups', {
      vpc: this.network.vpc,
      appPort: PORTS.app,
      databasePort: PORTS.database,
      cachePort: PORTS.cache,
    });
  }
}
