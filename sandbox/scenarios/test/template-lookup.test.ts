// The lookups the template defects use find resources by type, property and wiring in the
// real synthesized reference templates, and refuse when the templates no longer have the
// shape they expect (a defect must never silently change nothing).
import { beforeAll, describe, expect, it } from 'vitest';
import { PORTS } from '../../../stacks/config';
import { synthesizeReferenceStacks } from '../build/reference-stacks';
import {
  appGroup,
  databaseGroup,
  dropFromJoinedList,
  frontendBucket,
  removeResource,
  resourcesOfType,
  stackTemplate,
  theResource,
  type Templates,
} from '../build/template-lookup';

let templates: Templates;

beforeAll(async () => {
  const stacks = await synthesizeReferenceStacks('lookup', '2030-01-01T00:00:00Z');
  templates = Object.fromEntries(stacks.map((s) => [s.name, s.template]));
}, 120_000);

describe('template lookups', () => {
  it('finds the DB and app security groups by the port other groups reach them on', () => {
    expect(databaseGroup(templates).props.GroupDescription).toMatch(/PostgreSQL/);
    expect(appGroup(templates).props.GroupDescription).toMatch(/API instances/);
    expect(databaseGroup(templates).id).not.toBe(appGroup(templates).id);
  });

  it('finds the frontend bucket as the distribution origin, not one of the log buckets', () => {
    const buckets = resourcesOfType(stackTemplate(templates, 'Frontend'), 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    const logs = buckets.filter((b) => b.id !== frontendBucket(templates).id);
    expect(frontendBucket(templates).props.LoggingConfiguration).toBeDefined();
    expect(logs[0]!.props.LoggingConfiguration).toBeUndefined();
  });

  it('refuses a type the stack holds several or none of', () => {
    expect(() => theResource(templates, 'Observability', 'AWS::CloudWatch::Alarm')).toThrow(/Expected one AWS::CloudWatch::Alarm/);
    expect(() => theResource(templates, 'Network', 'AWS::RDS::DBInstance')).toThrow(/found 0/);
    expect(theResource(templates, 'Observability', 'AWS::CloudWatch::Alarm', (p) => p.MetricName === 'FreeStorageSpace').props.AlarmName).toBe(
      'CloudMart-lookup-DbFreeStorageLow',
    );
  });

  it('refuses to remove a resource something else still refers to, and drops the outputs that only report it', () => {
    const copy: Templates = structuredClone(templates);
    const observability = stackTemplate(copy, 'Observability');
    const alarm = theResource(copy, 'Observability', 'AWS::CloudWatch::Alarm', (p) => p.MetricName === 'FreeStorageSpace');
    expect(() => removeResource(observability, alarm.id)).toThrow(/still referenced/);

    const fresh: Templates = structuredClone(templates);
    const dashboard = theResource(fresh, 'Observability', 'AWS::CloudWatch::Dashboard');
    const template = stackTemplate(fresh, 'Observability');
    expect(JSON.stringify(template.Outputs)).toContain(dashboard.id);
    removeResource(template, dashboard.id);
    expect(JSON.stringify(template)).not.toContain(dashboard.id);
  });

  it('drops an alarm from the dashboard widget that lists it, keeping the list valid JSON', () => {
    const copy: Templates = structuredClone(templates);
    const alarm = theResource(copy, 'Observability', 'AWS::CloudWatch::Alarm', (p) => p.MetricName === 'FreeStorageSpace');
    const parts: unknown[] = theResource(copy, 'Observability', 'AWS::CloudWatch::Dashboard').props.DashboardBody['Fn::Join'][1];
    const before = parts.length;
    dropFromJoinedList(parts, alarm.id);
    expect(parts).toHaveLength(before - 2);
    // Render the body with every reference replaced by a placeholder: still JSON.
    const body = parts.map((p) => (typeof p === 'string' ? p : 'x')).join('');
    expect(() => JSON.parse(body)).not.toThrow();
    expect(() => dropFromJoinedList(parts, alarm.id)).toThrow(/not in the joined list/);
  });

  it('reads the ports the lookups rely on from the stacks configuration', () => {
    expect(theResource(templates, 'Network', 'AWS::EC2::SecurityGroupIngress', (p) => p.FromPort === PORTS.cache).props.ToPort).toBe(PORTS.cache);
  });
});
