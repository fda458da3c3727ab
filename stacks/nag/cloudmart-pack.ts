// The CloudMart nag pack: what a CloudMart deployment must never have and AwsSolutions does
// not check. cdk-nag's own rules are reused where a pack of cdk-nag has one (NIST 800-53 and
// HIPAA carry RDSInstancePublicAccess); only the plaintext password rule is ours, since no
// cdk-nag pack checks it for RDS. Runs beside AwsSolutions (packs.ts), acknowledged the same
// way (`CloudMart::CloudMart-<rule>`).
import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, rules, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { RDSMasterPasswordNotPlaintext } from './rds-password-not-plaintext';

export const CLOUDMART_PACK_NAME = 'CloudMart';

export class CloudMartChecks extends NagPack {
  readonly name = CLOUDMART_PACK_NAME;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = CLOUDMART_PACK_NAME;
  }

  protected checkResource(node: CfnResource): void {
    this.applyRule({
      info: 'The RDS DB instance allows public access (PubliclyAccessible is not false).',
      explanation:
        'A publicly accessible DB instance gets a public IP address and an endpoint that resolves to it from the internet; only its security group stands between the database and the world. CloudMart keeps the database in private subnets, reachable from the app tier only. Without PubliclyAccessible: false, RDS decides from the subnet group, and subnets with an internet gateway make the instance public.',
      level: NagMessageLevel.ERROR,
      rule: rules.rds.RDSInstancePublicAccess,
      node,
    });
    this.applyRule({
      info: 'The RDS DB instance or cluster has its master password in plaintext in the template.',
      explanation:
        'Anyone who can read the template, the stack in the CloudFormation console or its history can read the password. Let RDS manage it in Secrets Manager (ManageMasterUserPassword), or take it from a Secrets Manager or SSM SecureString dynamic reference or a NoEcho parameter.',
      level: NagMessageLevel.ERROR,
      rule: RDSMasterPasswordNotPlaintext,
      node,
    });
  }
}
