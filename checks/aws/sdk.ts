// The AWS SDK v3 packages, loaded with require() rather than import.
//
// Why: each @aws-sdk/client-* package ships one large CommonJS bundle. When ESM code
// imports CommonJS, Node first lexes the whole file to find its export names; for the
// packages a verify run loads that is ~300 ms of a ~3 s command (bench: verify,
// coldChild.loadMs). require() skips the lexer. Types still come from `import type`,
// which costs nothing at run time, and the map below keeps every value fully typed.
import { createRequire } from 'node:module';

const requireSdk = createRequire(import.meta.url);

interface SdkPackages {
  '@aws-sdk/client-auto-scaling': typeof import('@aws-sdk/client-auto-scaling');
  '@aws-sdk/client-backup': typeof import('@aws-sdk/client-backup');
  '@aws-sdk/client-cloudformation': typeof import('@aws-sdk/client-cloudformation');
  '@aws-sdk/client-cloudfront': typeof import('@aws-sdk/client-cloudfront');
  '@aws-sdk/client-cloudwatch': typeof import('@aws-sdk/client-cloudwatch');
  '@aws-sdk/client-cloudwatch-logs': typeof import('@aws-sdk/client-cloudwatch-logs');
  '@aws-sdk/client-ec2': typeof import('@aws-sdk/client-ec2');
  '@aws-sdk/client-elastic-load-balancing-v2': typeof import('@aws-sdk/client-elastic-load-balancing-v2');
  '@aws-sdk/client-elasticache': typeof import('@aws-sdk/client-elasticache');
  '@aws-sdk/client-iam': typeof import('@aws-sdk/client-iam');
  '@aws-sdk/client-rds': typeof import('@aws-sdk/client-rds');
  '@aws-sdk/client-resource-groups-tagging-api': typeof import('@aws-sdk/client-resource-groups-tagging-api');
  '@aws-sdk/client-s3': typeof import('@aws-sdk/client-s3');
  '@aws-sdk/client-secrets-manager': typeof import('@aws-sdk/client-secrets-manager');
  '@aws-sdk/client-sns': typeof import('@aws-sdk/client-sns');
  '@aws-sdk/client-ssm': typeof import('@aws-sdk/client-ssm');
  '@aws-sdk/client-sts': typeof import('@aws-sdk/client-sts');
  '@aws-sdk/credential-providers': typeof import('@aws-sdk/credential-providers');
}

export type SdkPackageName = keyof SdkPackages;

/** One AWS SDK package, loaded once (Node's module cache) the first time it is asked for. */
export function awsSdk<Name extends SdkPackageName>(name: Name): SdkPackages[Name] {
  return requireSdk(name) as SdkPackages[Name];
}
