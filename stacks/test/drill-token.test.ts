// The drill endpoints' door: with drillEndpoints on, a generated token secret (tagged like
// the rest, found by the drill through its own tag) that only the instance role may read
// and the instances get by ARN; with drillSourceCidr, an ALB listener rule that forwards
// /drill/* only from that CIDR and answers 404 to everyone else. Off: none of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { DRILL_TOKEN_TAG } from '../workload/src/drill-token';
import { cfnResourceLabeler, readValidationReport } from '../nag/report';
import { DRILL_PATH_PATTERN } from '../tiers/compute';
import { resourcesOf, STUDENT, synthesize, type Synthesized } from './support';

let off: Synthesized;
let on: Synthesized;
let restricted: Synthesized;
const CIDR = '203.0.113.7/32';

beforeAll(() => {
  off = synthesize('production');
  on = synthesize('production', { drillEndpoints: true });
  restricted = synthesize('production', { drillEndpoints: true, drillSourceCidr: CIDR });
});

const secretsOf = (s: Synthesized) => resourcesOf(s.raw('App'), 'AWS::SecretsManager::Secret');
const tagsOf = (props: Record<string, unknown>) => Object.fromEntries((props.Tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));

function launchTemplateText(s: Synthesized): string {
  return JSON.stringify(Object.values(resourcesOf(s.raw('App'), 'AWS::EC2::LaunchTemplate'))[0]);
}

describe('drill token secret', () => {
  it('exists only with drillEndpoints on: generated (letters and digits, 40), tagged with the deployment and its own tag, no fixed name', () => {
    expect(Object.keys(secretsOf(off))).toHaveLength(0);
    const secrets = Object.entries(secretsOf(on));
    expect(secrets).toHaveLength(1);
    const [, secret] = secrets[0]!;
    expect(secret.GenerateSecretString).toEqual({ PasswordLength: 40, ExcludePunctuation: true });
    expect(secret.Name).toBeUndefined();
    expect(tagsOf(secret)).toMatchObject({ [DRILL_TOKEN_TAG]: 'true', 'cloudmart:student': STUDENT });
  });

  it('is readable by the instance role, and its ARN (never its value) reaches the instances', () => {
    const [secretId] = Object.keys(secretsOf(on));
    const policies = Object.values(resourcesOf(on.raw('App'), 'AWS::IAM::Policy'));
    const reads = policies.flatMap((p) => (p.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement).filter((st) => [st.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify({ Ref: secretId })));
    expect(reads.flatMap((st) => [st.Action].flat())).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']));
    expect(launchTemplateText(on)).toContain('DRILL_TOKEN_SECRET_ARN=');
    expect(launchTemplateText(on)).toContain(JSON.stringify({ Ref: secretId }));
    expect(launchTemplateText(off)).not.toContain('DRILL_TOKEN');
  });
});

describe('drill source CIDR', () => {
  it('forwards /drill/* from the CIDR only and answers 404 to every other source; without it, no rule', () => {
    expect(Object.keys(resourcesOf(on.raw('App'), 'AWS::ElasticLoadBalancingV2::ListenerRule'))).toHaveLength(0);
    const rules = Object.values(resourcesOf(restricted.raw('App'), 'AWS::ElasticLoadBalancingV2::ListenerRule')).sort((a, b) => Number(a.Priority) - Number(b.Priority));
    expect(rules).toHaveLength(2);
    const [allowed, others] = rules as { Priority: number; Conditions: unknown[]; Actions: { Type: string; FixedResponseConfig?: unknown }[] }[];
    expect(allowed!.Priority).toBeLessThan(others!.Priority);
    expect(allowed!.Conditions).toEqual(
      expect.arrayContaining([
        { Field: 'path-pattern', PathPatternConfig: { Values: [DRILL_PATH_PATTERN] } },
        { Field: 'source-ip', SourceIpConfig: { Values: [CIDR] } },
      ]),
    );
    expect(allowed!.Actions.map((a) => a.Type)).toEqual(['forward']);
    expect(others!.Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { Values: [DRILL_PATH_PATTERN] } }]);
    expect(others!.Actions).toEqual([{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'application/json', MessageBody: '{"error":"not_found"}' } }]);
  });

  it('refuses a CIDR that is not one, and a CIDR without drill endpoints, in one sentence', () => {
    expect(() => synthesize('production', { drillEndpoints: true, drillSourceCidr: '203.0.113.7' })).toThrow(/^Invalid deployment setting drillSourceCidr: the drill source CIDR must be an IPv4 CIDR such as 203\.0\.113\.7\/32\.$/);
    expect(() => synthesize('production', { drillSourceCidr: CIDR })).toThrow(/needs drillEndpoints=true\.$/);
  });
});

describe('nag gate', () => {
  it('stays clean with the drill token and the source CIDR rule (the token\'s SMG4 is acknowledged with a reason)', () => {
    const s = synthesize('production', { drillEndpoints: true, drillSourceCidr: CIDR, nag: true, throwOnFindings: false });
    const outcome = readValidationReport(s.reference.app.synth().directory, cfnResourceLabeler(s.reference.app, { withStackName: true }));
    expect(outcome.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(outcome.pluginFailures).toEqual([]);
    const token = outcome.findings.filter((f) => f.suppressed && f.ruleId === 'AwsSolutions-SMG4' && /DrillToken/.test(JSON.stringify(f)));
    expect(token).toHaveLength(1);
  });
});
