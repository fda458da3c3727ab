// The deployment diagram's model, before any drawing: the seed's picture of the target
// architecture (CloudFront and S3 above; a VPC with one column per AZ and one row per subnet
// tier; CloudWatch and AWS Backup below) filled with the student's own resources where they
// live, each judged by the checks that judged it (judges.ts). What is not there becomes an empty
// slot with the check that wanted it, never a gap. Pure: the report in, the model out; the SVG
// (svg.ts) and Mermaid (mermaid.ts) renderers draw the same model.
import type { Bilingual, DeploymentMap, Report } from '../../contract/report';
import { shownStatus } from '../render/blocked';
import { judge, judgeMissing, judgePath, JUDGES, type DiagramStatus, type ElementKind, type Judgement } from './judges';
import { DIAGRAM_WORDS as W } from './words';

export type Row = 'public' | 'app' | 'db' | 'cache';
export const ROWS: readonly Row[] = ['public', 'app', 'db', 'cache'];

export interface Badge {
  kind: 'alarm' | 'backup';
  judgement: Judgement;
}

export interface DiagramNode {
  /** Unique within the diagram (row, zone, kind, resource), for renderers that need an id. */
  key: string;
  kind: ElementKind;
  /** The id the checks' evidence names (data-resource): from AWS, so escaped wherever it is drawn. */
  resource: string;
  /** What it is, e.g. "RDS standby". */
  label: Bilingual;
  /** The AWS name shown under the label (empty for a slot). */
  name: string;
  /** Set for an empty slot: what is missing or could not be read. */
  slot?: Bilingual;
  zone?: string;
  /** primary / standby / replica / member, where the same resource is drawn twice. */
  role?: string;
  judgement: Judgement;
  badges: Badge[];
}

export interface DiagramZone {
  name: string;
  /** A column drawn only so a one-AZ deployment shows its empty second AZ. */
  placeholder: boolean;
}

export interface DiagramRow {
  row: Row;
  label: Bilingual;
  /** One list per zone, in `zones` order. */
  cells: DiagramNode[][];
  /** The Auto Scaling group(s) of the app row: drawn across the row. */
  groups: DiagramNode[];
}

export interface DiagramPath {
  key: string;
  kind: ElementKind;
  from: 'internet' | Row;
  to: Row;
  /** The security group(s) the arrow enters (data-resource). */
  resource: string;
  /** Ports, e.g. "tcp 443" (from AWS; escaped where drawn). */
  label: string;
  /** True for an arrow that should not exist: a tier other than the ALB open to 0.0.0.0/0. */
  exposure: boolean;
  judgement: Judgement;
}

export interface DiagramModel {
  region: string;
  zones: DiagramZone[];
  vpc: DiagramNode;
  edge: DiagramNode[];
  rows: DiagramRow[];
  paths: DiagramPath[];
  monitoring: DiagramNode[];
}

const ROW_LABEL: Record<Row, Bilingual> = { public: W.rowPublic, app: W.rowApp, db: W.rowDb, cache: W.rowCache };

/** The model of a report's diagram, or undefined when the report carries no placement. */
export function layoutOf(report: Report): DiagramModel | undefined {
  const map = report.deployment;
  if (!map) return undefined;
  const zones = zonesOf(map);
  const ctx: Ctx = { report, map, zones };
  return {
    region: report.target.region,
    zones,
    vpc: node({ kind: 'vpc', resource: 'vpc', label: W.vpc, name: '', judgement: judgeChecks(report, 'vpc') }),
    edge: edgeNodes(ctx),
    rows: [publicRow(ctx), appRow(ctx), dbRow(ctx), cacheRow(ctx)],
    paths: pathsOf(ctx),
    monitoring: monitoringNodes(ctx),
  };
}

interface Ctx {
  report: Report;
  map: DeploymentMap;
  zones: DiagramZone[];
}

/** The deployment's AZs, plus the AZs its resources report; at least two columns, as the seed draws. */
function zonesOf(map: DeploymentMap): DiagramZone[] {
  const used = [
    ...map.zones,
    ...map.instances.map((i) => i.zone),
    ...map.databases.flatMap((d) => [d.zone, d.standbyZone]),
    ...map.caches.flatMap((c) => c.nodes.map((n) => n.zone)),
    ...map.natGateways.map((n) => n.zone),
    ...map.loadBalancers.flatMap((lb) => lb.zones),
  ].filter((z): z is string => Boolean(z));
  const zones: DiagramZone[] = [...new Set(used)].sort().map((name) => ({ name, placeholder: false }));
  while (zones.length < 2) zones.push({ name: '', placeholder: true });
  return zones;
}

function node(n: Omit<DiagramNode, 'key' | 'badges'> & { badges?: Badge[] }): DiagramNode {
  const key = [n.kind, n.zone ?? '', n.role ?? '', n.resource].join('|');
  return { ...n, key, badges: n.badges ?? [] };
}

/** An empty slot: dashed, `missing` (or `error` when the part could not be read). */
function slot(ctx: Ctx, kind: ElementKind, what: Bilingual, check: string | undefined, zone: string | undefined, part: DeploymentMap['unread'][number]): DiagramNode {
  const unread = ctx.map.unread.includes(part);
  const judgement: Judgement = unread ? unreadJudgement(ctx.report, kind) : judgeMissing(ctx.report, check);
  return node({ kind, resource: `missing:${kind}${zone ? `:${zone}` : ''}`, label: what, name: '', slot: unread ? W.unread : what, ...(zone ? { zone } : {}), judgement });
}

/** A part whose data was not collected: `error`, with a check that errored on it when there is one. */
function unreadJudgement(report: Report, kind: ElementKind): Judgement {
  const culprit = JUDGES[kind].map((id) => report.checks.find((c) => c.id === id)).find((c) => c?.status === 'error');
  return { status: 'error', checks: culprit ? [culprit.id] : [], ...(culprit ? { culprit } : {}) };
}

/** The worst status of the checks of a kind as a whole (summary nodes: the VPC, the alarms, the backup plan). */
function judgeChecks(report: Report, kind: ElementKind): Judgement {
  let worst: Judgement | undefined;
  const checks: string[] = [];
  for (const id of JUDGES[kind]) {
    const check = report.checks.find((c) => c.id === id);
    const shown = check ? shownStatus(check) : undefined;
    if (!check || shown === 'not-applicable') continue;
    checks.push(id);
    const status: DiagramStatus = shown === 'fail' || shown === 'blocked' ? 'fail' : shown === 'error' ? 'error' : 'pass';
    if (!worst || rank(status) > rank(worst.status)) worst = { status, checks, ...(status !== 'pass' ? { culprit: check } : {}) };
  }
  return worst ?? { status: 'error', checks };
}

function rank(status: DiagramStatus): number {
  return { fail: 3, error: 2, missing: 1, pass: 0 }[status];
}

function alarmBadge(ctx: Ctx, ids: string[]): Badge {
  return { kind: 'alarm', judgement: judge(ctx.report, 'alarm-badge', ids) };
}

// ---------------------------------------------------------------- above the VPC

function edgeNodes(ctx: Ctx): DiagramNode[] {
  const { map, report } = ctx;
  const distributions = map.distributions.map((d) =>
    node({ kind: 'distribution', resource: d.id, label: W.distribution, name: d.domain ?? d.id, judgement: judge(report, 'distribution', [d.id]) }),
  );
  const buckets = map.buckets.map((b) => node({ kind: 'bucket', resource: b.name, label: W.bucket, name: b.name, judgement: judge(report, 'bucket', [b.name]) }));
  return [
    ...(distributions.length ? distributions : [slot(ctx, 'distribution', W.missingDistribution, 'frontend.s3-cloudfront', undefined, 'frontend')]),
    ...(buckets.length ? buckets : [slot(ctx, 'bucket', W.missingBucket, 'frontend.s3-cloudfront', undefined, 'frontend')]),
  ];
}

// ---------------------------------------------------------------- the VPC's rows

function publicRow(ctx: Ctx): DiagramRow {
  const { map, report, zones } = ctx;
  const lbJudgement = new Map(map.loadBalancers.map((lb) => [lb.name, judge(report, 'alb', [lb.name])]));
  const cells = zones.map((zone, i) => {
    const out: DiagramNode[] = [];
    const here = map.loadBalancers.filter((lb) => lb.zones.includes(zone.name));
    for (const lb of here) {
      out.push(node({ kind: 'alb', resource: lb.name, label: W.alb, name: lb.name, zone: zone.name, judgement: lbJudgement.get(lb.name)!, badges: [alarmBadge(ctx, [lb.name])] }));
    }
    if (!here.length) {
      if (map.loadBalancers.length) out.push(slot(ctx, 'alb', W.missingAlbNode, 'alb.multi-az', zone.name || undefined, 'alb'));
      else if (i === 0 || map.unread.includes('alb')) out.push(slot(ctx, 'alb', W.missingAlb, 'alb.internet-facing', zone.name || undefined, 'alb'));
    }
    const nats = map.natGateways.filter((n) => n.zone === zone.name);
    for (const nat of nats) out.push(node({ kind: 'nat', resource: nat.id, label: W.nat, name: nat.id, zone: zone.name, judgement: natJudgement(ctx, zone.name) }));
    if (!nats.length) out.push(slot(ctx, 'nat', W.missingNat, 'nat.per-az', zone.name || undefined, 'network'));
    return out;
  });
  return { row: 'public', label: ROW_LABEL.public, cells, groups: [] };
}

/** nat.per-az names the private subnets it judged: a NAT is judged by the lines about its AZ's subnets. */
function natJudgement(ctx: Ctx, zone: string): Judgement {
  const subnets = ctx.map.subnets.filter((s) => s.zone === zone).map((s) => s.id);
  return judge(ctx.report, 'nat', subnets);
}

function appRow(ctx: Ctx): DiagramRow {
  const { map, report, zones } = ctx;
  const groups = map.autoScalingGroups.map((g) =>
    node({ kind: 'asg', resource: g.name, label: W.asg, name: g.name, judgement: judge(report, 'asg', [g.name]), badges: [alarmBadge(ctx, [g.name])] }),
  );
  const nothing = !map.autoScalingGroups.length && !map.instances.length;
  const cells = zones.map((zone, i) => {
    const here = map.instances.filter((inst) => inst.zone === zone.name);
    if (here.length) return here.map((inst) => node({ kind: 'instance', resource: inst.id, label: W.instance, name: inst.id, zone: zone.name, judgement: judge(report, 'instance', [inst.id]) }));
    if (nothing) return i === 0 || map.unread.includes('app') ? [slot(ctx, 'asg', W.missingApp, 'asg.behind-alb', zone.name || undefined, 'app')] : [];
    return [slot(ctx, 'instance', W.missingInstance, 'asg.multi-az', zone.name || undefined, 'app')];
  });
  return { row: 'app', label: ROW_LABEL.app, cells, groups };
}

function dbRow(ctx: Ctx): DiagramRow {
  const { map, report, zones } = ctx;
  const cells = zones.map((zone, i) => {
    const out: DiagramNode[] = [];
    for (const db of map.databases) {
      const ids = [db.cluster ?? db.id, db.id];
      const judgement = judge(report, 'db', ids);
      if (db.zone === zone.name) {
        const badges: Badge[] = [alarmBadge(ctx, ids), { kind: 'backup', judgement: judge(report, 'backup-badge', ids) }];
        out.push(node({ kind: 'db', resource: db.id, label: db.cluster ? W.dbMember : W.dbPrimary, name: db.id, zone: zone.name, role: db.cluster ? 'member' : 'primary', judgement, badges }));
      }
      if (db.standbyZone && db.standbyZone === zone.name) {
        out.push(node({ kind: 'db', resource: db.id, label: W.dbStandby, name: db.id, zone: zone.name, role: 'standby', judgement }));
      }
    }
    if (!out.length) {
      if (map.databases.length) out.push(slot(ctx, 'db', W.missingStandby, 'rds.multi-az', zone.name || undefined, 'db'));
      else if (i === 0 || map.unread.includes('db')) out.push(slot(ctx, 'db', W.missingDb, 'rds.postgres-present', zone.name || undefined, 'db'));
    }
    return out;
  });
  return { row: 'db', label: ROW_LABEL.db, cells, groups: [] };
}

function cacheRow(ctx: Ctx): DiagramRow {
  const { map, report, zones } = ctx;
  const cells = zones.map((zone, i) => {
    const out: DiagramNode[] = [];
    for (const group of map.caches) {
      for (const member of group.nodes.filter((n) => n.zone === zone.name)) {
        const label = member.role === 'primary' ? W.cachePrimary : member.role === 'replica' ? W.cacheReplica : W.cacheNode;
        const ids = [group.id, member.id];
        const badges = member.role === 'primary' ? [alarmBadge(ctx, ids)] : [];
        out.push(node({ kind: 'cache', resource: member.id, label, name: member.id, zone: zone.name, role: member.role, judgement: judge(report, 'cache', ids), badges }));
      }
    }
    if (!out.length) {
      if (map.caches.length) out.push(slot(ctx, 'cache', W.missingCacheNode, 'elasticache.automatic-failover', zone.name || undefined, 'cache'));
      else if (i === 0 || map.unread.includes('cache')) out.push(slot(ctx, 'cache', W.missingCache, 'elasticache.redis-present', zone.name || undefined, 'cache'));
    }
    return out;
  });
  return { row: 'cache', label: ROW_LABEL.cache, cells, groups: [] };
}

// ---------------------------------------------------------------- security-group paths

function pathsOf(ctx: Ctx): DiagramPath[] {
  const { map, report } = ctx;
  const groupsOf: Record<Row, string[]> = {
    public: unique(map.loadBalancers.flatMap((lb) => lb.securityGroups)),
    app: unique(map.instances.flatMap((i) => i.securityGroups)),
    db: unique(map.databases.flatMap((d) => d.securityGroups)),
    cache: unique(map.caches.flatMap((c) => c.securityGroups)),
  };
  const open = new Map(map.securityGroups.map((g) => [g.id, g.openToInternet]));
  const openPorts = (row: Row) => unique(groupsOf[row].flatMap((id) => open.get(id) ?? []));
  const path = (kind: ElementKind, from: 'internet' | Row, to: Row, label: string, exposure = false): DiagramPath => ({
    key: `${from}-${to}${exposure ? '-exposed' : ''}`,
    kind,
    from,
    to,
    resource: groupsOf[to].join(' ') || `missing:${kind}`,
    label,
    exposure,
    judgement: judgePath(report, kind),
  });
  const paths = [
    path('path-internet-alb', 'internet', 'public', openPorts('public').join(', ')),
    path('path-alb-app', 'public', 'app', ''),
    path('path-app-db', 'app', 'db', ''),
    path('path-app-cache', 'app', 'cache', ''),
  ];
  // A tier behind the ALB that admits the internet directly: an arrow that should not be there.
  const guard: Record<Exclude<Row, 'public'>, ElementKind> = { app: 'path-alb-app', db: 'path-app-db', cache: 'path-app-cache' };
  for (const row of ['app', 'db', 'cache'] as const) {
    const ports = openPorts(row);
    if (ports.length) paths.push(path(guard[row], 'internet', row, ports.join(', '), true));
  }
  return paths;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

// ---------------------------------------------------------------- below the VPC

function monitoringNodes(ctx: Ctx): DiagramNode[] {
  const { map, report } = ctx;
  const dashboards = map.dashboards.map((name) => node({ kind: 'dashboard', resource: name, label: W.dashboard, name, judgement: judge(report, 'dashboard', [name]) }));
  const alarms = map.alarms.length
    ? [node({ kind: 'alarms', resource: 'alarms', label: W.alarms, name: String(map.alarms.length), judgement: judgeChecks(report, 'alarms') })]
    : [slot(ctx, 'alarms', W.missingAlarms, 'alarms.coverage', undefined, 'monitoring')];
  const plans = map.backupPlans.map((name) => node({ kind: 'backup', resource: name, label: W.backup, name, judgement: judgeChecks(report, 'backup') }));
  return [
    ...(dashboards.length ? dashboards : [slot(ctx, 'dashboard', W.missingDashboard, 'dashboard.present', undefined, 'monitoring')]),
    ...alarms,
    ...(plans.length ? plans : [slot(ctx, 'backup', W.missingBackup, 'backup.plan-covers-rds', undefined, 'backup')]),
  ];
}

/** Every node of the model (edge, VPC rows with their groups, monitoring), in drawing order. */
export function nodesOf(model: DiagramModel): DiagramNode[] {
  return [...model.edge, ...model.rows.flatMap((r) => [...r.groups, ...r.cells.flat()]), ...model.monitoring];
}
