// A nag rule no cdk-nag pack has: an RDS DB instance or cluster whose master password is
// written into the template itself (cdk-nag checks this only for DocumentDB clusters, in
// DocumentDBCredentialsInSecretsManager). Anyone who can read the template, the stack in the
// console or its history can read the password then.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
import { CfnParameter, Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';

/** Dynamic references whose value CloudFormation fetches at deploy time and never shows. */
const SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/**
 * Compliant when the password comes from outside the template: a Secrets Manager or
 * SSM SecureString dynamic reference, a NoEcho parameter, another resource (a generated
 * secret) or an import; or when there is no password property (RDS-managed secret, a
 * snapshot or a replica).
 */
function rule(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnDBInstance) && !(node instanceof CfnDBCluster)) return NagRuleCompliance.NOT_APPLICABLE;
  const stack = Stack.of(node);
  const password: unknown = stack.resolve(node.masterUserPassword);
  if (password === undefined || password === null) return NagRuleCompliance.COMPLIANT;
  return comesFromOutside(password, noEchoParameters(stack)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

function comesFromOutside(value: unknown, noEcho: ReadonlySet<string>): boolean {
  if (typeof value === 'string') return SECRET_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some((item) => comesFromOutside(item, noEcho));
  if (!value || typeof value !== 'object') return false;
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, inner] of entries) {
    // A parameter is a secret only when NoEcho hides it; a pseudo parameter never is.
    if (key === 'Ref') return typeof inner === 'string' && noEcho.has(inner);
    if (key === 'Fn::GetAtt' || key === 'Fn::ImportValue') return true;
    if (comesFromOutside(inner, noEcho)) return true;
  }
  return false;
}

function noEchoParameters(stack: Stack): Set<string> {
  const names = new Set<string>();
  for (const construct of stack.node.findAll()) {
    if (construct instanceof CfnParameter && construct.noEcho) names.add(stack.resolve(construct.logicalId) as string);
  }
  return names;
}

/** cdk-nag takes the rule ID suffix from the function's name, as its own rules do. */
export const RDSMasterPasswordNotPlaintext = Object.defineProperty(rule, 'name', { value: 'RDSMasterPasswordNotPlaintext' });
