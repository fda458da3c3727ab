// Finds resources in the synthesized reference templates by what they are: their type, and
// where several share a type, a property or the wiring (which resource refers to which).
// Never by CDK's logical ids: they are hashes of construct paths that change when a
// construct moves, and the synthesized templates carry no `aws:cdk:path` metadata.
import { PORTS, type StackSuffix } from '../../../stacks/config';
import type { CloudFormationResource, CloudFormationTemplate } from '../../../stacks/template';

/** Templates by stack name (`CloudMart-<student>-Network`, ...), as deployReferenceStacks' `change` receives them. */
export type Templates = Record<string, CloudFormationTemplate>;

/** Resource properties, loosely typed: templates are data read from synth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Properties = Record<string, any>;

export interface FoundResource {
  /** The logical id, to refer to the resource (Ref / Fn::GetAtt), never to find it. */
  id: string;
  resource: CloudFormationResource;
  props: Properties;
}

export function stackTemplate(templates: Templates, suffix: StackSuffix): CloudFormationTemplate {
  const names = Object.keys(templates).filter((name) => name.endsWith(`-${suffix}`));
  if (names.length !== 1) throw new Error(`Expected one ${suffix} stack among ${Object.keys(templates).join(', ')}.`);
  return templates[names[0]!]!;
}

export function resourcesOfType(template: CloudFormationTemplate, type: string, where: (props: Properties) => boolean = () => true): FoundResource[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => ({ id, resource, props: (resource.Properties ??= {}) as Properties }))
    .filter((found) => where(found.props));
}

/** The one resource of `type` in the stack (that matches `where`); anything else means the templates changed shape. */
export function theResource(
  templates: Templates,
  suffix: StackSuffix,
  type: string,
  where: (props: Properties) => boolean = () => true,
): FoundResource {
  const found = resourcesOfType(stackTemplate(templates, suffix), type, where);
  if (found.length !== 1) throw new Error(`Expected one ${type} (of those asked for) in the ${suffix} stack, found ${found.length}.`);
  return found[0]!;
}

/** The logical id a `{ Fn::GetAtt: [id, attr] }` or `{ Ref: id }` points at. */
export function referencedId(value: unknown): string | undefined {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

/**
 * The security group the reference lets reach `port` from another group (the DB group for
 * the database port, ...): the group of the SecurityGroupIngress rule on that port.
 */
export function groupReachedOn(templates: Templates, port: number): FoundResource {
  const rule = theResource(templates, 'Network', 'AWS::EC2::SecurityGroupIngress', (p) => p.FromPort === port && p.SourceSecurityGroupId !== undefined);
  const id = referencedId(rule.props.GroupId)!;
  return { id, resource: stackTemplate(templates, 'Network').Resources[id]!, props: stackTemplate(templates, 'Network').Resources[id]!.Properties as Properties };
}

export const databaseGroup = (templates: Templates) => groupReachedOn(templates, PORTS.database);
export const appGroup = (templates: Templates) => groupReachedOn(templates, PORTS.app);

/** The frontend bucket: the S3 origin of the distribution. */
export function frontendBucket(templates: Templates): FoundResource {
  const distribution = theResource(templates, 'Frontend', 'AWS::CloudFront::Distribution');
  const id = referencedId(distribution.props.DistributionConfig.Origins[0].DomainName)!;
  const resource = stackTemplate(templates, 'Frontend').Resources[id]!;
  return { id, resource, props: resource.Properties as Properties };
}

/** Removes a resource and the outputs that only report it; throws if anything else in its template still refers to it. */
export function removeResource(template: CloudFormationTemplate, id: string): void {
  delete template.Resources[id];
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    const { Export } = output as { Export?: unknown };
    // An exported output is read by another stack: removing it would be a second change.
    if (!Export && JSON.stringify(output).includes(`"${id}"`)) delete template.Outputs![name];
  }
  if (JSON.stringify(template).includes(`"${id}"`)) throw new Error(`${id} is still referenced in its template.`);
}

/**
 * Drops `{ Fn::GetAtt: [id, ...] }` / `{ Ref: id }` from the Fn::Join parts that list it in a
 * JSON array (`...","<ref>","...`), with one of its separators: a dashboard's alarm widget.
 */
export function dropFromJoinedList(parts: unknown[], id: string): void {
  const at = parts.findIndex((part) => referencedId(part) === id);
  if (at < 0) throw new Error(`${id} is not in the joined list.`);
  const separator = '","';
  if (parts[at + 1] === separator) parts.splice(at, 2);
  else if (parts[at - 1] === separator) parts.splice(at - 1, 2);
  else throw new Error(`${id} is the only element of the joined list.`);
}
