// The security group chain: ALB <- internet 80/443 only, app <- ALB only (8080),
// database <- app only, cache <- app only, and each tier really uses its group.
import { beforeAll, describe, expect, it } from 'vitest';
import { PORTS } from '../config';
import { pointsAt, resourcesOf, synthesize, type Synthesized } from './support';

let s: Synthesized;
const NETWORK = 'CloudMart-alice-Network';

beforeAll(() => {
  s = synthesize('production');
});

type Rule = { source: string; protocol: string; from: number; to: number };

/** Every ingress rule of every security group, inline or standalone, with its source named. */
function ingressGraph(): Record<string, Rule[]> {
  const network = s.raw('Network');
  const groups = resourcesOf(network, 'AWS::EC2::SecurityGroup');
  const graph: Record<string, Rule[]> = Object.fromEntries(Object.keys(groups).map((id) => [id, []]));
  const toRule = (rule: Record<string, unknown>): Rule => ({
    source: rule.CidrIp ? String(rule.CidrIp) : rule.CidrIpv6 ? String(rule.CidrIpv6) : `sg:${pointsAt(s.templates, NETWORK, rule.SourceSecurityGroupId)?.logicalId}`,
    protocol: String(rule.IpProtocol),
    from: Number(rule.FromPort),
    to: Number(rule.ToPort),
  });
  for (const [id, group] of Object.entries(groups)) {
    for (const rule of (group.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? []) graph[id]!.push(toRule(rule));
  }
  for (const [name, template] of Object.entries(s.templates)) {
    for (const rule of Object.values(resourcesOf(template, 'AWS::EC2::SecurityGroupIngress'))) {
      const target = pointsAt(s.templates, name, rule.GroupId)!;
      expect(target.stack).toBe(NETWORK);
      graph[target.logicalId]!.push(toRule(rule));
    }
  }
  return graph;
}

function groupId(prefix: string): string {
  const id = Object.keys(resourcesOf(s.raw('Network'), 'AWS::EC2::SecurityGroup')).find((k) => k.startsWith(`SecurityGroups${prefix}`));
  if (!id) throw new Error(`no security group ${prefix}`);
  return id;
}

describe('security group chain', () => {
  it('has exactly four groups in the whole deployment', () => {
    const all = Object.values(s.templates).flatMap((t) => Object.keys(resourcesOf(t, 'AWS::EC2::SecurityGroup')));
    expect(all).toHaveLength(4);
  });

  it('lets the internet reach the ALB on 80 and 443 only', () => {
    expect(ingressGraph()[groupId('Alb')]!.sort((a, b) => a.from - b.from)).toEqual([
      { source: '0.0.0.0/0', protocol: 'tcp', from: 80, to: 80 },
      { source: '0.0.0.0/0', protocol: 'tcp', from: 443, to: 443 },
    ]);
  });

  it('lets only the ALB group reach the app instances, on the API port', () => {
    expect(ingressGraph()[groupId('App')]).toEqual([{ source: `sg:${groupId('Alb')}`, protocol: 'tcp', from: PORTS.app, to: PORTS.app }]);
  });

  it('lets only the app group reach the database, on the database port', () => {
    expect(ingressGraph()[groupId('Database')]).toEqual([{ source: `sg:${groupId('App')}`, protocol: 'tcp', from: PORTS.database, to: PORTS.database }]);
  });

  it('lets only the app group reach Redis, on the Redis port', () => {
    expect(ingressGraph()[groupId('Cache')]).toEqual([{ source: `sg:${groupId('App')}`, protocol: 'tcp', from: PORTS.cache, to: PORTS.cache }]);
  });

  it('gives the database and the cache no way out', () => {
    for (const name of ['Database', 'Cache']) {
      const group = resourcesOf(s.raw('Network'), 'AWS::EC2::SecurityGroup')[groupId(name)]!;
      // aws-cdk-lib's "allow nothing" placeholder: ICMP type 252 code 86 to 255.255.255.255/32.
      expect(group.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp' })]);
    }
  });

  it('puts each tier in its own group', () => {
    const at = (stack: string, value: unknown) => pointsAt(s.templates, `CloudMart-alice-${stack}`, value)?.logicalId;
    const alb = Object.values(resourcesOf(s.raw('App'), 'AWS::ElasticLoadBalancingV2::LoadBalancer'))[0]!;
    expect((alb.SecurityGroups as unknown[]).map((g) => at('App', g))).toEqual([groupId('Alb')]);
    const lt = Object.values(resourcesOf(s.raw('App'), 'AWS::EC2::LaunchTemplate'))[0]!.LaunchTemplateData as { NetworkInterfaces: { Groups: unknown[] }[] };
    expect(lt.NetworkInterfaces[0]!.Groups.map((g) => at('App', g))).toEqual([groupId('App')]);
    const db = Object.values(resourcesOf(s.raw('Data'), 'AWS::RDS::DBInstance'))[0]!;
    expect((db.VPCSecurityGroups as unknown[]).map((g) => at('Data', g))).toEqual([groupId('Database')]);
    const redis = Object.values(resourcesOf(s.raw('Data'), 'AWS::ElastiCache::ReplicationGroup'))[0]!;
    expect((redis.SecurityGroupIds as unknown[]).map((g) => at('Data', g))).toEqual([groupId('Cache')]);
    // The password rotation function runs in the app group, so the database needs no other source.
    const rotation = Object.values(resourcesOf(s.raw('Data'), 'AWS::Serverless::Application'))[0]!;
    expect(at('Data', (rotation.Parameters as Record<string, unknown>).vpcSecurityGroupIds)).toBe(groupId('App'));
  });
});
