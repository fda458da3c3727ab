// The network tier: VPC 10.0.0.0/16 over ap-northeast-2a and 2c, public / private-with-
// egress / isolated subnets in each AZ, NAT, flow logs.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { AVAILABILITY_ZONES } from '../config';
import { resourcesOf, synthesize, type Synthesized } from './support';

let production: Synthesized;
let standard: Synthesized;

beforeAll(() => {
  production = synthesize('production');
  standard = synthesize('default');
});

type Subnet = { AvailabilityZone: string; CidrBlock: string; MapPublicIpOnLaunch: boolean; Tags: { Key: string; Value: string }[] };

function subnetsByKind(s: Synthesized): Record<string, Record<string, Subnet>> {
  const raw = s.raw('Network');
  const byKind: Record<string, Record<string, Subnet>> = { Public: {}, Private: {}, Isolated: {} };
  for (const [id, props] of Object.entries(resourcesOf(raw, 'AWS::EC2::Subnet'))) {
    const kind = (props as Subnet).Tags.find((t) => t.Key === 'aws-cdk:subnet-type')!.Value;
    byKind[kind]![id] = props as Subnet;
  }
  return byKind;
}

/** Where each subnet's default route goes: 'igw', 'nat:<logicalId>' or 'none'. */
function defaultRoutes(s: Synthesized): Record<string, string> {
  const raw = s.raw('Network');
  const tableOf = Object.fromEntries(
    Object.values(resourcesOf(raw, 'AWS::EC2::SubnetRouteTableAssociation')).map((a) => [(a.SubnetId as { Ref: string }).Ref, (a.RouteTableId as { Ref: string }).Ref]),
  );
  const routes = Object.values(resourcesOf(raw, 'AWS::EC2::Route')).filter((r) => r.DestinationCidrBlock === '0.0.0.0/0');
  return Object.fromEntries(
    Object.entries(tableOf).map(([subnet, table]) => {
      const route = routes.find((r) => (r.RouteTableId as { Ref: string }).Ref === table);
      if (!route) return [subnet, 'none'];
      if (route.GatewayId) return [subnet, 'igw'];
      return [subnet, `nat:${(route.NatGatewayId as { Ref: string }).Ref}`];
    }),
  );
}

describe('network tier', () => {
  it('is a 10.0.0.0/16 VPC with DNS', () => {
    production.template('Network').hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  it('has a public, a private-with-egress and an isolated subnet in each of the two explicit AZs', () => {
    const kinds = subnetsByKind(production);
    for (const kind of ['Public', 'Private', 'Isolated']) {
      const azs = Object.values(kinds[kind]!).map((s) => s.AvailabilityZone).sort();
      expect(azs, kind).toEqual([...AVAILABILITY_ZONES].sort());
    }
    // No subnet hands out public IPs: only the ALB and the NAT gateways (Elastic IPs) are public.
    for (const subnet of Object.values(kinds).flatMap((k) => Object.values(k))) expect(subnet.MapPublicIpOnLaunch).toBe(false);
  });

  it('routes public subnets to the internet gateway, private ones through a NAT gateway in their own AZ (production), isolated ones nowhere', () => {
    const kinds = subnetsByKind(production);
    const routes = defaultRoutes(production);
    const nats = resourcesOf(production.raw('Network'), 'AWS::EC2::NatGateway');
    const natAz = Object.fromEntries(
      Object.entries(nats).map(([id, nat]) => [id, kinds.Public![(nat.SubnetId as { Ref: string }).Ref]!.AvailabilityZone]),
    );
    for (const id of Object.keys(kinds.Public!)) expect(routes[id]).toBe('igw');
    for (const id of Object.keys(kinds.Isolated!)) expect(routes[id]).toBe('none');
    for (const [id, subnet] of Object.entries(kinds.Private!)) {
      expect(routes[id]).toMatch(/^nat:/);
      expect(natAz[routes[id]!.slice(4)], `private subnet in ${subnet.AvailabilityZone}`).toBe(subnet.AvailabilityZone);
    }
  });

  it('shares one NAT gateway between the AZs in the default profile (cost)', () => {
    standard.template('Network').resourceCountIs('AWS::EC2::NatGateway', 1);
    const targets = new Set(Object.entries(defaultRoutes(standard)).filter(([id]) => id in subnetsByKind(standard).Private!).map(([, t]) => t));
    expect(targets.size).toBe(1);
  });

  it('sends every flow of the VPC to a log group with a retention', () => {
    const network = production.template('Network');
    network.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      ResourceId: { Ref: Match.stringLikeRegexp('Vpc') },
    });
    network.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });

  it('synthesizes without looking anything up (no context lookups, no missing context)', () => {
    const manifest = production.reference.app.synth().manifest;
    expect(manifest.missing ?? []).toEqual([]);
  });
});
