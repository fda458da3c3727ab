// The AWS services the harness talks to, as data: which SDK package, which IAM action
// prefix (also the prefix of our operation names, e.g. "rds:DescribeDBInstances") and
// which signing name the requests carry. The IAM policy test reads this table to map an
// SDK import to the actions it needs.

export interface ServiceInfo {
  /** npm package of the SDK v3 client. */
  package: string;
  /** IAM action prefix, also used in operation names ("elasticloadbalancing:DescribeListeners"). */
  iamPrefix: string;
  /** SigV4 signing name (the service in the Authorization header's credential scope). */
  signingName: string;
}

export const SERVICES = {
  sts: { package: '@aws-sdk/client-sts', iamPrefix: 'sts', signingName: 'sts' },
  cloudformation: { package: '@aws-sdk/client-cloudformation', iamPrefix: 'cloudformation', signingName: 'cloudformation' },
  tagging: { package: '@aws-sdk/client-resource-groups-tagging-api', iamPrefix: 'tag', signingName: 'tagging' },
  ec2: { package: '@aws-sdk/client-ec2', iamPrefix: 'ec2', signingName: 'ec2' },
  elbv2: { package: '@aws-sdk/client-elastic-load-balancing-v2', iamPrefix: 'elasticloadbalancing', signingName: 'elasticloadbalancing' },
  autoscaling: { package: '@aws-sdk/client-auto-scaling', iamPrefix: 'autoscaling', signingName: 'autoscaling' },
  rds: { package: '@aws-sdk/client-rds', iamPrefix: 'rds', signingName: 'rds' },
  elasticache: { package: '@aws-sdk/client-elasticache', iamPrefix: 'elasticache', signingName: 'elasticache' },
  cloudfront: { package: '@aws-sdk/client-cloudfront', iamPrefix: 'cloudfront', signingName: 'cloudfront' },
  s3: { package: '@aws-sdk/client-s3', iamPrefix: 's3', signingName: 's3' },
  cloudwatch: { package: '@aws-sdk/client-cloudwatch', iamPrefix: 'cloudwatch', signingName: 'monitoring' },
  logs: { package: '@aws-sdk/client-cloudwatch-logs', iamPrefix: 'logs', signingName: 'logs' },
  backup: { package: '@aws-sdk/client-backup', iamPrefix: 'backup', signingName: 'backup' },
  iam: { package: '@aws-sdk/client-iam', iamPrefix: 'iam', signingName: 'iam' },
  // Only cleanup talks to these (the deployment's topics, secrets and parameters).
  sns: { package: '@aws-sdk/client-sns', iamPrefix: 'sns', signingName: 'sns' },
  secretsmanager: { package: '@aws-sdk/client-secrets-manager', iamPrefix: 'secretsmanager', signingName: 'secretsmanager' },
  ssm: { package: '@aws-sdk/client-ssm', iamPrefix: 'ssm', signingName: 'ssm' },
} as const satisfies Record<string, ServiceInfo>;

export type ServiceKey = keyof typeof SERVICES;

export function serviceByPackage(pkg: string): [ServiceKey, ServiceInfo] | undefined {
  const entry = Object.entries(SERVICES).find(([, info]) => info.package === pkg);
  return entry as [ServiceKey, ServiceInfo] | undefined;
}
