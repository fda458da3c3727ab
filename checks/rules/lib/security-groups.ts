// Reading security group rules: which sources a rule admits and on which ports.
import type { Bilingual, ResourceEvidence } from '../../../contract/report';
import { resource } from './outcome';
import { asText } from './text';
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
  return describePortsText(permission).en;
}

/** describePorts in both languages ("모든 트래픽", "tcp 모든 포트"). */
export function describePortsText(permission: Permission): Bilingual {
  if (allProtocols(permission)) return { ko: '모든 트래픽', en: 'all traffic' };
  const protocol = isTcp(permission) ? 'tcp' : permission.IpProtocol === '17' ? 'udp' : (permission.IpProtocol ?? '?');
  const from = permission.FromPort;
  const to = permission.ToPort;
  if (from === undefined || from === -1) return { ko: `${protocol} 모든 포트`, en: `${protocol} all ports` };
  const ports = from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
  return { ko: ports, en: ports };
}

export function describeSource(source: RuleSource): string {
  return describeSourceText(source).en;
}

/** describeSource in both languages. */
export function describeSourceText(source: RuleSource): Bilingual {
  switch (source.kind) {
    case 'cidr':
    case 'cidr-ipv6':
      return { ko: source.value, en: source.value };
    case 'prefix-list':
      return { ko: `접두사 목록 ${source.value}`, en: `prefix list ${source.value}` };
    case 'group':
      return { ko: `그룹 ${source.value}`, en: `group ${source.value}` };
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
  if (!group) throw new NotCollectedError('ec2:DescribeSecurityGroups', { ko: `보안 그룹 ${id}이(가) 인벤토리에 없습니다`, en: `security group ${id} is not in the inventory` });
  return group;
}

export function groupLabel(group: SecurityGroup): string {
  return group.GroupName ? `${group.GroupId} (${group.GroupName})` : (group.GroupId ?? '?');
}

/** One evidence line for a security group: id as the resource, name in the detail. */
export function groupEvidence(ok: boolean, group: SecurityGroup, detail: string | Bilingual): ResourceEvidence {
  const line = asText(detail);
  const named = (d: string) => (group.GroupName ? `${group.GroupName}: ${d}` : d);
  return resource(ok, group.GroupId ?? '?', { ko: named(line.ko), en: named(line.en) }, { type: 'AWS::EC2::SecurityGroup' });
}

export interface PortIngress {
  ok: boolean;
  /** English (kept for callers that word their own line). */
  detail: string;
  /** The same verdict in both languages. */
  text: Bilingual;
  /** Whether some rule admits one of the allowed groups on the port (else nothing can connect). */
  reachable: boolean;
}

/**
 * Who may connect to `port` through this group: only groups in `allowed` pass. Any CIDR
 * (IPv4/IPv6), prefix list or other group admitted on that port fails. Other ports are not judged.
 */
export function ingressOnPortOnlyFrom(group: SecurityGroup, port: number, allowed: Set<string>, allowedLabel: string | Bilingual): PortIngress {
  const good: Bilingual[] = [];
  const bad: Bilingual[] = [];
  for (const permission of group.IpPermissions ?? []) {
    if (!admitsTcpPort(permission, port)) continue;
    const ports = describePortsText(permission);
    for (const source of sourcesOf(permission)) {
      const ok = source.kind === 'group' && allowed.has(source.value);
      const from = describeSourceText(source);
      (ok ? good : bad).push({ ko: `${from.ko}에서 ${ports.ko}`, en: `${ports.en} from ${from.en}` });
    }
  }
  const list = (items: Bilingual[], lang: 'ko' | 'en') => items.map((i) => i[lang]).join('; ');
  const label = asText(allowedLabel);
  const text: Bilingual = bad.length
    ? { ko: `포트 ${port}이(가) 열려 있음: ${list(bad, 'ko')}`, en: `port ${port} open to ${list(bad, 'en')}` }
    : good.length
      ? { ko: `포트 ${port}은(는) ${label.ko}에서만 허용: ${list(good, 'ko')}`, en: `port ${port} only from the ${label.en}: ${list(good, 'en')}` }
      : { ko: `포트 ${port}을(를) 허용하는 규칙이 없음`, en: `no rule admits port ${port}` };
  return { ok: bad.length === 0, detail: text.en, text, reachable: good.length > 0 };
}

/** A resource whose port its security groups should admit only from the app (the DB, Redis). */
export interface GuardedPort {
  id: string;
  port: number;
  groups: string[];
}

/**
 * Each (group, port) of the targets judged once by ingressOnPortOnlyFrom the app's groups: one
 * evidence line per group, and notes for a target without groups (`noGroupNote`) or a group that
 * admits nothing from the app (the app cannot reach the target then).
 */
export function judgeGuardedPorts(
  targets: readonly GuardedPort[],
  groups: Map<string, SecurityGroup>,
  app: Set<string>,
  noGroupNote: (target: GuardedPort) => Bilingual,
): { resources: ResourceEvidence[]; notes: Bilingual[] } {
  const resources: ResourceEvidence[] = [];
  const notes: Bilingual[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    if (target.groups.length === 0) notes.push(noGroupNote(target));
    for (const id of target.groups) {
      if (seen.has(`${id}:${target.port}`)) continue;
      seen.add(`${id}:${target.port}`);
      const group = requireGroup(groups, id);
      const verdict = ingressOnPortOnlyFrom(group, target.port, app, { ko: '앱 보안 그룹', en: 'app security group' });
      if (!verdict.reachable && verdict.ok) {
        notes.push({
          ko: `${id}에는 앱을 포트 ${target.port}에서 허용하는 규칙이 없어 앱이 ${target.id}에 닿을 수 없습니다.`,
          en: `No rule of ${id} admits the app on port ${target.port}: the app cannot reach ${target.id}.`,
        });
      }
      resources.push(groupEvidence(verdict.ok, group, { ko: `${target.id}: ${verdict.text.ko}`, en: `${target.id}: ${verdict.text.en}` }));
    }
  }
  return { resources, notes };
}
