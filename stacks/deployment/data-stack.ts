// CloudMart-<student>-Data: RDS PostgreSQL and ElastiCache Redis with their secrets.
import type { Construct } from 'constructs';
import { AVAILABILITY_ZONES, PORTS, type DeploymentConfig } from '../config';
import { CacheTier } from '../tiers/cache';
import { DatabaseTier } from '../tiers/database';
import { SUBNETS } from '../tiers/network';
import { CloudMartStack } from './base-stack';
import type { NetworkStack } from './network-stack';

export const DATABASE_INSTANCE_CLASS = 'db.t3.micro';
export const DATABASE_STORAGE_GB = 20;
export const CACHE_NODE_TYPE = 'cache.t3.micro';
export const CACHE_REPLICAS = 1;
export const REDIS_ENGINE_VERSION = '7.1';

export class DataStack extends CloudMartStack {
  readonly database: DatabaseTier;
  readonly cache: CacheTier;

  constructor(scope: Construct, config: DeploymentConfig, network: NetworkStack) {
    super(scope, 'Data', config, 'RDS PostgreSQL Multi-AZ and ElastiCache Redis with their secrets');
    const { vpc } = network.network;
    const groups = network.securityGroups;
    this.database = new DatabaseTier(this, 'Database', {
      vpc,
      securityGroup: groups.database,
      rotationSecurityGroup: groups.app,
      instanceClass: DATABASE_INSTANCE_CLASS,
      port: PORTS.database,
      allocatedStorageGb: DATABASE_STORAGE_GB,
      backupRetentionDays: this.profile.rdsBackupRetentionDays,
      deletionProtection: this.profile.deletionProtection,
      removalPolicy: this.profile.dataRemovalPolicy,
      secretRemovalPolicy: this.profile.storageRemovalPolicy,
    });
    this.cache = new CacheTier(this, 'Cache', {
      vpc,
      subnets: vpc.selectSubnets({ subnetGroupName: SUBNETS.data }).subnets,
      securityGroup: groups.cache,
      nodeType: CACHE_NODE_TYPE,
      replicas: CACHE_REPLICAS,
      port: PORTS.cache,
      engineVersion: REDIS_ENGINE_VERSION,
      snapshotRetentionDays: 1,
      availabilityZones: AVAILABILITY_ZONES,
      removalPolicy: this.profile.dataRemovalPolicy,
      secretRemovalPolicy: this.profile.storageRemovalPolicy,
      description: `CloudMart ${config.student} cache`,
    });
  }
}
