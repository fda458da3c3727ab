// Database tier: RDS PostgreSQL, Multi-AZ, encrypted, in the isolated subnets, credentials
// generated into Secrets Manager and rotated, automated backups, deletion protection
// (off only in the lab profile), enhanced monitoring.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';
import { SUBNETS } from './network';

export const DATABASE_NAME = 'cloudmart';
export const DATABASE_USER = 'cloudmart_admin';
/** The characters aws-cdk-lib keeps out of generated RDS passwords; rotation must keep them out too. */
const GENERATED_PASSWORD_EXCLUDED_CHARACTERS = " %+~`#$&*()|[]{}:;<>?!'/@\"\\";
export const ENHANCED_MONITORING_POLICY = 'service-role/AmazonRDSEnhancedMonitoringRole';

export interface DatabaseTierProps {
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  /** The app instances' group: the rotation function runs in it, so the DB still accepts only that group. */
  readonly rotationSecurityGroup: ec2.ISecurityGroup;
  readonly instanceClass: string;
  readonly port: number;
  readonly allocatedStorageGb: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly removalPolicy: RemovalPolicy;
  readonly secretRemovalPolicy: RemovalPolicy;
}

export class DatabaseTier extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly secret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: DatabaseTierProps) {
    super(scope, id);
    const [instanceClass, instanceSize] = parseInstanceClass(props.instanceClass);
    this.instance = new rds.DatabaseInstance(this, 'Postgres', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: ec2.InstanceType.of(instanceClass, instanceSize),
      vpc: props.vpc,
      vpcSubnets: { subnetGroupName: SUBNETS.data },
      securityGroups: [props.securityGroup],
      port: props.port,
      multiAz: true,
      publiclyAccessible: false,
      storageEncrypted: true,
      storageType: rds.StorageType.GP3,
      allocatedStorage: props.allocatedStorageGb,
      databaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromGeneratedSecret(DATABASE_USER),
      backupRetention: Duration.days(props.backupRetentionDays),
      preferredBackupWindow: '17:00-18:00', // 02:00-03:00 KST
      preferredMaintenanceWindow: 'sun:18:30-sun:19:30',
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      monitoringInterval: Duration.seconds(60),
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
    });
    this.secret = this.instance.secret!;
    // The generated secret itself (the instance exposes its attachment as `secret`).
    (this.instance.node.tryFindChild('Secret')?.node.defaultChild as secretsmanager.CfnSecret | undefined)?.applyRemovalPolicy(
      props.secretRemovalPolicy,
    );

    if (this.instance.node.tryFindChild('MonitoringRole')) {
      acknowledgeNag(
        this.instance.node.findChild('MonitoringRole'),
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${ENHANCED_MONITORING_POLICY}]`,
        'RDS enhanced monitoring must assume a role with this AWS-managed service policy; it only lets RDS write OS metrics to its own RDSOSMetrics log group.',
      );
    }
    if (!props.deletionProtection) {
      acknowledgeNag(
        this.instance,
        'AwsSolutions-RDS10',
        'Lab profile only: the student must destroy the deployment within the 50-minute lab, which deletion protection would block. Every other profile turns it on.',
      );
    }

    // Rotate the generated password every 30 days. The rotation function runs in the app
    // instances' security group, so the database keeps accepting only that group. (Built by
    // hand rather than addRotationSingleUser: that one opens the instance's port as a
    // CloudFormation attribute, which would make the Network stack depend on this one.)
    new secretsmanager.SecretRotation(this, 'Rotation', {
      application: secretsmanager.SecretRotationApplication.POSTGRES_ROTATION_SINGLE_USER,
      secret: this.secret,
      target: { connections: new ec2.Connections({ securityGroups: [props.securityGroup], defaultPort: ec2.Port.tcp(props.port) }) },
      vpc: props.vpc,
      vpcSubnets: { subnetGroupName: SUBNETS.app },
      securityGroup: props.rotationSecurityGroup,
      automaticallyAfter: Duration.days(30),
      excludeCharacters: GENERATED_PASSWORD_EXCLUDED_CHARACTERS,
      // A rotation during the lab would only make the API reconnect; rotate on schedule.
      rotateImmediatelyOnUpdate: false,
    });
  }
}

/** `db.t3.micro` -> (T3, MICRO). */
function parseInstanceClass(name: string): [ec2.InstanceClass, ec2.InstanceSize] {
  const match = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(name);
  if (!match) throw new Error(`Not an RDS instance class: ${name}`);
  return [match[1] as ec2.InstanceClass, match[2] as ec2.InstanceSize];
}
