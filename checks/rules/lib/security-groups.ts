// Reading security group rules: which sources a rule admits and on which ports.
import type { ResourceEvidence } from '../../../contract/report';
import { resource } from './outcome';
import type { Inventory } from '../../inventory/types';
import { NotCollectedError, read } from './collected';

type SecurityGroup = Extract<Inventory['ec2']['securityGroups'], { status: 'collected' }>['data'][number];
export type Permission = NonNullable<SecurityGroup['IpPermissions']>[number];

export type RuleSource =
  | { kind: 'cidr'; value: string }
  | { kind: 'cidr-ipv6'; value: string }
  | { kind: 'prefix-list'; value: string }
  | { kind: 'group'; value: string };

export function sourcesOf(permission: Permission): RuleSource[] {
  return [
    ...(permission.IpRanges ?? []).map((r) => ({ kind: 'cidr' as const, value: r.CidrIp ?? '?' })),
    ...(permission.Ipv6Ranges ?? []).map((r) => ({ kind: 'cidr-ipv6' as const, value: r.CidrIpv6 ?? '?' })),
    ...(permission.PrefixListIds ?? []).map((p) => ({ kind: 'prefix-list' as const, value: p.PrefixListId ?? '?' })),
    ...(permission.UserIdGroupPairs ?? []).map((g) => ({ kind: 'group' as const, value: g.GroupId ?? g.GroupName ?? '?' })),
  ];
}

export function isInternet(source: RuleSource): boolean {
  return (source.kind === 'cidr' && source.value === '0.0.0.0/0') || (source.kind === 'cidr-ipv6' && source.value === '::/0');
}

function allProtocols(permission: Permission): boolean {
  return permission.IpProtocol === '-1' || permission.IpProtocol === 'all';
}

function isTcp(permission: Permission): boolean {
  return permission.IpProtocol === 'tcp' || permission.IpProtocol === '6';
}

/** Does the rule admit TCP traffic to this port? */
export function admitsTcpPort(permission: Permission, port: number): boolean {
  if (allProtocols(permission)) return true;
  if (!isTcp(permission)) return false;
  const from = permission.FromPort ?? 0;
  const to = permission.ToPort ?? 65535;
  // FromPort -1 / ToPort -1 means every port for tcp in some API answers.
  if (from === -1 || to === -1) return true;
  return from <= port && port <= to;
}

/** "tcp 80", "tcp 80-443", "all traffic", "udp 53". */
export function describePorts(permission: Permission): string {
  if (allProtocols(permission)) return 'all traffic';
  const protocol = isTcp(permission) ? 'tcp' : permission.IpProtocol === '17' ? 'udp' : (permission.IpProtocol ?? '?');
  const from = permission.FromPort;
  const to = permission.ToPort;
  if (from === undefined || from === -1) return `${protocol} all ports`;
  return from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
}

export function describeSource(source: RuleSource): string {
  switch (source.kind) {
    case 'cidr':
    case 'cidr-ipv6':
      return source.value;
    case 'prefix-list':
      return `prefix list ${source.value}`;
    case 'group':
      return `group ${source.value}`;
  }
}

/** Security groups by id (reads ec2.securityGroups). */
export function securityGroupsById(inventory: Inventory): Map<string, SecurityGroup> {
  return new Map(read(inventory.ec2.securityGroups).map((g) => [g.GroupId ?? '', g]));
}

export type { SecurityGroup };

/** The security group, or a stop with `error` when the inventory does not hold it. */
export function requireGroup(groups: Map<string, SecurityGroup>, id: string): SecurityGroup {
  const group = groups.get(id);
  if (!group) throw new NotCollectedError('ec2:DescribeSecurityGroups', `security group ${id} is not in the inventory`);
  return group;
}

export function groupLabel(group: SecurityGroup): string {
  return group.GroupName ? `${group.GroupId} (${group.GroupName})` : (group.GroupId ?? '?');
}

/** One evidence line for a security group: id as the resource, name in the detail. */
export function groupEvidence(ok: boolean, group: SecurityGroup, detail: string): ResourceEvidence {
  return resource(ok, group.GroupId ?? '?', group.GroupName ? `${group.GroupName}: ${detail}` : detail, { type: 'AWS::EC2::SecurityGroup' });
}

export interface PortIngress {
  ok: boolean;
  detail: string;
  /** Whether some rule admits one of the allowed groups on the port (else nothing can connect). */
  reachable: boolean;
}

/**
 * Who may connect to `port` through this group: only groups in `allowed` pass. Any CIDR
 * (IPv4/IPv6), prefix list or other group admitted on that port fails. Other ports are not judged.
 */
export function ingressOnPortOnlyFrom(group: SecurityGroup, port: number, allowed: Set<string>, allowedLabel: string): PortIngress {
  const good: string[] = [];
  const bad: string[] = [];
  for (const permission of group.IpPermissions ?? []) {
    if (!admitsTcpPort(permission, port)) continue;
    const ports = describePorts(permission);
    for (const source of sourcesOf(permission)) {
      const ok = source.kind === 'group' && allowed.has(source.value);
      (ok ? good : bad).push(`${ports} from ${describeSource(source)}`);
    }
  }
  const detail = bad.length
    ? `port ${port} open to ${bad.join('; ')}`
    : good.length
      ? `port ${port} only from the ${allowedLabel}: ${good.join('; ')}`
      : `no rule admits port ${port}`;
  return { ok: bad.length === 0, detail, reachable: good.length > 0 };
}
