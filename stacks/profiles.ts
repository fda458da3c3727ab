// What differs between the deployment profiles, as data. Everything else is the same
// production-grade design in every profile (Multi-AZ RDS and Redis, two app instances,
// encryption, alarms, backups).
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ProfileName } from './config';

export interface ProfileSettings {
  /** One NAT gateway for cost, or one per AZ so an AZ outage does not cut the other AZ's egress. */
  readonly natGateways: number;
  /** RDS deletion protection: off only in `lab`, where the student must destroy within the lab. */
  readonly deletionProtection: boolean;
  /** What happens to data-holding resources (RDS, Redis, secrets, vault) when their stack is deleted. */
  readonly dataRemovalPolicy: RemovalPolicy;
  /** Buckets and log groups: deleted with their content in `lab`, kept elsewhere. */
  readonly storageRemovalPolicy: RemovalPolicy;
  /** Empty the buckets on stack deletion (lab only: a non-empty bucket would block `destroy`). */
  readonly autoDeleteBucketObjects: boolean;
  readonly logRetention: RetentionDays;
  /** Days the AWS Backup plan keeps a recovery point (the checks want at least 7). */
  readonly backupRetentionDays: number;
  /** Days RDS keeps automated backups (the checks want at least 7). */
  readonly rdsBackupRetentionDays: number;
  /** Days the access-log buckets keep their objects. */
  readonly accessLogRetentionDays: number;
}

export const PROFILE_SETTINGS: Readonly<Record<ProfileName, ProfileSettings>> = Object.freeze({
  lab: {
    natGateways: 1,
    deletionProtection: false,
    dataRemovalPolicy: RemovalPolicy.DESTROY,
    storageRemovalPolicy: RemovalPolicy.DESTROY,
    autoDeleteBucketObjects: true,
    logRetention: RetentionDays.ONE_WEEK,
    backupRetentionDays: 7,
    rdsBackupRetentionDays: 7,
    accessLogRetentionDays: 7,
  },
  default: {
    natGateways: 1,
    deletionProtection: true,
    dataRemovalPolicy: RemovalPolicy.SNAPSHOT,
    storageRemovalPolicy: RemovalPolicy.RETAIN,
    autoDeleteBucketObjects: false,
    logRetention: RetentionDays.ONE_MONTH,
    backupRetentionDays: 7,
    rdsBackupRetentionDays: 7,
    accessLogRetentionDays: 30,
  },
  production: {
    natGateways: 2,
    deletionProtection: true,
    dataRemovalPolicy: RemovalPolicy.SNAPSHOT,
    storageRemovalPolicy: RemovalPolicy.RETAIN,
    autoDeleteBucketObjects: false,
    logRetention: RetentionDays.THREE_MONTHS,
    backupRetentionDays: 35,
    rdsBackupRetentionDays: 7,
    accessLogRetentionDays: 90,
  },
});

/**
 * The checks a profile fails on purpose (verify, on a deployment of that profile): one NAT
 * gateway fails nat.per-az, deletion protection off fails rds.deletion-protection. The
 * README states the score this costs (test/readme-profiles.test.ts computes it).
 */
export function checksFailedByDesign(profile: ProfileName): string[] {
  const settings = PROFILE_SETTINGS[profile];
  return [...(settings.natGateways < 2 ? ['nat.per-az'] : []), ...(settings.deletionProtection ? [] : ['rds.deletion-protection'])];
}
