// The security group chain, in one place so the graph can be read (and tested) at once:
//   internet -> ALB (80, 443) -> app (API port) -> database (DB port), cache (Redis port)
// No group allows anything else in; egress is as narrow as the tier needs.
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';

export interface SecurityGroupChainProps {
  readonly vpc: ec2.IVpc;
  readonly appPort: number;
  readonly databasePort: number;
  readonly cachePort: number;
}

export class SecurityGroupChain extends Construct {
  readonly alb: ec2.SecurityGroup;
  readonly app: ec2.SecurityGroup;
  readonly database: ec2.SecurityGroup;
  readonly cache: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: SecurityGroupChainProps) {
    super(scope, id);
    const { vpc } = props;
    this.alb = new ec2.SecurityGroup(this, 'Alb', {
      vpc,
      description: 'CloudMart ALB: HTTP and HTTPS from the internet only',
      allowAllOutbound: false,
    });
    this.alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from the internet');
    this.alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    acknowledgeNag(
      this.alb,
      'AwsSolutions-EC23',
      'This is the internet-facing load balancer of a public shop: it must accept 0.0.0.0/0, and only on ports 80 and 443 (every other group of the chain accepts only its upstream group).',
    );

    this.app = new ec2.SecurityGroup(this, 'App', {
      vpc,
      description: 'CloudMart API instances: the API port from the ALB only',
      allowAllOutbound: false,
    });
    // HTTPS out: Secrets Manager, S3 (the workload bundle), CloudWatch Logs, CloudFormation
    // (cfn-signal), SSM and the Amazon Linux repositories, all through the NAT gateway.
    this.app.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs and the Amazon Linux repositories');

    this.database = new ec2.SecurityGroup(this, 'Database', {
      vpc,
      description: 'CloudMart PostgreSQL: the database port from the app instances only',
      allowAllOutbound: false,
    });
    this.cache = new ec2.SecurityGroup(this, 'Cache', {
      vpc,
      description: 'CloudMart Redis: the Redis port from the app instances only',
      allowAllOutbound: false,
    });

    // Each allowFrom adds the ingress rule on the downstream group and the matching
    // egress rule on the upstream one.
    this.app.connections.allowFrom(this.alb, ec2.Port.tcp(props.appPort), 'API traffic and health checks from the ALB');
    this.database.connections.allowFrom(this.app, ec2.Port.tcp(props.databasePort), 'PostgreSQL from the app instances');
    this.cache.connections.allowFrom(this.app, ec2.Port.tcp(props.cachePort), 'Redis (TLS) from the app instances');
  }
}
