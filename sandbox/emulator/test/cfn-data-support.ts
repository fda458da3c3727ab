// Shared steps of the Data-tier CloudFormation tests: create, update and delete a stack
// through the SDK and read back its status, outputs and resources, as the CDK CLI and the
// collectors do.
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
  type CloudFormationClient,
  type Parameter,
  type Stack,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';

export type Template = Record<string, unknown>;

const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

function parameterList(parameters: Record<string, string>): Parameter[] {
  return Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
}

/** The stack by name or ID; undefined once it is gone (DescribeStacks by name refuses a deleted stack). */
export async function describeStack(cloudformation: CloudFormationClient, name: string): Promise<Stack | undefined> {
  try {
    return (await cloudformation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  } catch {
    return undefined;
  }
}

export async function createStack(
  cloudformation: CloudFormationClient,
  name: string,
  template: Template,
  parameters: Record<string, string> = {},
): Promise<Stack> {
  await cloudformation.send(
    new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), Parameters: parameterList(parameters), Capabilities: [...CAPABILITIES] }),
  );
  return (await describeStack(cloudformation, name))!;
}

export async function updateStack(
  cloudformation: CloudFormationClient,
  name: string,
  template: Template,
  parameters: Record<string, string> = {},
): Promise<Stack> {
  await cloudformation.send(
    new UpdateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), Parameters: parameterList(parameters), Capabilities: [...CAPABILITIES] }),
  );
  return (await describeStack(cloudformation, name))!;
}

export async function deleteStack(cloudformation: CloudFormationClient, name: string): Promise<void> {
  await cloudformation.send(new DeleteStackCommand({ StackName: name }));
}

export function output(stack: Stack, key: string): string {
  const found = stack.Outputs?.find((o) => o.OutputKey === key);
  if (!found?.OutputValue) throw new Error(`stack ${stack.StackName} has no output ${key}`);
  return found.OutputValue;
}

export async function stackResources(cloudformation: CloudFormationClient, name: string): Promise<StackResourceSummary[]> {
  return (await cloudformation.send(new ListStackResourcesCommand({ StackName: name }))).StackResourceSummaries ?? [];
}

export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}
