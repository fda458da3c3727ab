// Which resources a drill acts on: the deployment's ALB (where users arrive), its target
// group, its Auto Scaling group, its RDS instance and its Redis replication group.
// A drill only ever touches these; the descriptor comes from the inventory that
// discovery collected (fromInventory) or from explicit flags.
import { UsageError } from '../../contract/errors';
import type { Bilingual } from '../../contract/report';
import type { Inventory } from '../../contract/inventory';

export interface DrillDeployment {
  region: string;
  /** Where users reach the shop: http(s)://<ALB DNS name>, or any URL in front of it. */
  appUrl?: string;
  loadBalancerName?: string;
  targetGroupArn?: string;
  autoScalingGroupName?: string;
  dbInstanceIdentifier?: string;
  replicationGroupId?: string;
  /** The Secrets Manager secret the application reads its database user from (restore reads the restored data with it). */
  dbSecretArn?: string;
}

export interface DeploymentChoice {
  deployment: DrillDeployment;
  /** Why something was left out or how a choice was made, for the drill's notes. */
  notes: Bilingual[];
  /** Why the ALB gave no address the drill can probe (only HTTPS, or HTTP that only redirects). */
  appUrlProblem?: Bilingual;
}

type Listener = NonNullable<Extract<Inventory['elbv2']['listeners'], { status: 'collected' }>['data']>[number];

/** The listener forwards (or sends a fixed answer), as opposed to redirecting elsewhere. */
function serves(listener: Listener): boolean {
  return !(listener.DefaultActions ?? []).some((a) => a.Type === 'redirect');
}

/**
 * Where the drill reaches the shop through the ALB. Only plain HTTP to the ALB's own DNS
 * name can work: no certificate can be issued for *.elb.amazonaws.com, so an HTTPS probe
 * of that name fails the TLS check ("HTTPS requests sent to the load balancer return
 * NET::ERR_CERT_COMMON_NAME_INVALID", ALB troubleshooting guide), and a port 80 listener
 * that only redirects to HTTPS answers every probe with a redirect.
 */
export function albAppUrl(dnsName: string, listeners: Listener[]): { url: string } | { problem: Bilingual } {
  const forwarding = listeners.filter((l) => l.Protocol === 'HTTP' && serves(l)).sort((a, b) => (a.Port === 80 ? -1 : b.Port === 80 ? 1 : (a.Port ?? 0) - (b.Port ?? 0)));
  const http = forwarding[0];
  if (http) return { url: `http://${dnsName}${http.Port && http.Port !== 80 ? `:${http.Port}` : ''}` };
  const how = listeners.some((l) => l.Protocol === 'HTTP')
    ? { ko: 'HTTP 리스너는 HTTPS로 리디렉션만 하고', en: 'its HTTP listener only redirects to HTTPS' }
    : { ko: 'HTTPS 리스너만 있고', en: 'it only has an HTTPS listener' };
  if (!listeners.some((l) => l.Protocol === 'HTTPS')) {
    return {
      problem: {
        ko: `로드 밸런서 ${dnsName}에 트래픽을 전달하는 HTTP 리스너가 없습니다. --url로 상점 주소를 지정하세요.`,
        en: `The load balancer ${dnsName} has no HTTP listener that forwards traffic; pass --url with the shop's address.`,
      },
    };
  }
  return {
    problem: {
      ko: `로드 밸런서 ${dnsName}는 ${how.ko}, *.elb.amazonaws.com 이름에는 인증서를 발급할 수 없으므로 --url https://<내 도메인>으로 상점 주소를 지정하세요.`,
      en: `The load balancer ${dnsName} cannot be probed by its own name because ${how.en} and no certificate can exist for *.elb.amazonaws.com; pass --url https://<your domain>.`,
    },
  };
}

/** The parts of the deployment a drill kind needs. */
export const NEEDS: Record<string, (keyof DrillDeployment)[]> = {
  'scale-out': ['appUrl', 'autoScalingGroupName', 'targetGroupArn'],
  'rds-failover': ['appUrl', 'dbInstanceIdentifier'],
  'redis-failover': ['appUrl', 'replicationGroupId'],
  'instance-loss': ['appUrl', 'autoScalingGroupName', 'targetGroupArn'],
  restore: ['appUrl', 'dbInstanceIdentifier'],
};

const LABELS: Record<keyof DrillDeployment, Bilingual> = {
  region: { ko: '리전', en: 'region' },
  appUrl: { ko: '애플리케이션 주소(ALB; --url)', en: 'application URL (the ALB; --url)' },
  loadBalancerName: { ko: '로드 밸런서', en: 'load balancer' },
  targetGroupArn: { ko: '대상 그룹(--target-group)', en: 'target group (--target-group)' },
  autoScalingGroupName: { ko: 'Auto Scaling 그룹(--asg)', en: 'Auto Scaling group (--asg)' },
  dbInstanceIdentifier: { ko: 'RDS DB 인스턴스(--db-instance)', en: 'RDS DB instance (--db-instance)' },
  replicationGroupId: { ko: 'ElastiCache 복제 그룹(--replication-group)', en: 'ElastiCache replication group (--replication-group)' },
  dbSecretArn: { ko: 'DB 비밀(--db-secret)', en: 'database secret (--db-secret)' },
};

export function requireParts(kind: string, deployment: DrillDeployment, appUrlProblem?: Bilingual): void {
  const missing = (NEEDS[kind] ?? []).filter((key) => !deployment[key]);
  if (missing.includes('appUrl') && appUrlProblem) throw new UsageError(appUrlProblem);
  if (missing.length > 0) {
    throw new UsageError({
      ko: `${kind} 드릴에는 배포의 ${missing.map((k) => LABELS[k].ko).join(', ')}이(가) 필요한데 찾지 못했습니다. 배포를 확인하거나 직접 지정하세요.`,
      en: `The ${kind} drill needs the deployment's ${missing.map((k) => LABELS[k].en).join(' and ')}, and none was found; check the deployment or pass it explicitly.`,
    });
  }
}

/**
 * The drill's view of a collected inventory: the internet-facing ALB, the target group
 * that both the ALB forwards to and the ASG registers in, that ASG, the PostgreSQL
 * instance (not a read replica) and the Redis replication group.
 */
export function fromInventory(inventory: Inventory): DeploymentChoice {
  const notes: Bilingual[] = [];
  const data = <T>(c: { status: 'collected'; data: T } | { status: 'not-collected'; operation: string; reason: string }, what: Bilingual): T | undefined => {
    if (c.status === 'collected') return c.data;
    notes.push({ ko: `${what.ko}을(를) 읽지 못했습니다(${c.operation}: ${c.reason}).`, en: `${what.en} could not be read (${c.operation}: ${c.reason}).` });
    return undefined;
  };
  const balancers = (data(inventory.elbv2.loadBalancers, { ko: '로드 밸런서', en: 'Load balancers' }) ?? []).filter((lb) => lb.Type === 'application');
  const targetGroups = data(inventory.elbv2.targetGroups, { ko: '대상 그룹', en: 'Target groups' }) ?? [];
  const listeners = data(inventory.elbv2.listeners, { ko: '리스너', en: 'Listeners' }) ?? [];
  const groups = data(inventory.autoscaling.groups, { ko: 'Auto Scaling 그룹', en: 'Auto Scaling groups' }) ?? [];
  const dbs = data(inventory.rds.instances, { ko: 'RDS 인스턴스', en: 'RDS instances' }) ?? [];
  const replicationGroups = data(inventory.elasticache.replicationGroups, { ko: '복제 그룹', en: 'Replication groups' }) ?? [];

  // The ASG attached to a target group of an internet-facing ALB.
  const facing = balancers.filter((lb) => lb.Scheme === 'internet-facing');
  const candidates = facing.length ? facing : balancers;
  let chosen: { lb: (typeof balancers)[number]; tg?: (typeof targetGroups)[number]; asg?: (typeof groups)[number] } | undefined;
  for (const lb of candidates) {
    const tgs = targetGroups.filter((tg) => (tg.LoadBalancerArns ?? []).includes(lb.LoadBalancerArn ?? ''));
    for (const tg of tgs) {
      const asg = groups.find((g) => (g.TargetGroupARNs ?? []).includes(tg.TargetGroupArn ?? ''));
      if (asg) {
        chosen = { lb, tg, asg };
        break;
      }
    }
    if (chosen) break;
    chosen ??= { lb, ...(tgs[0] ? { tg: tgs[0] } : {}) };
  }
  if (candidates.length > 1) notes.push({ ko: `Application Load Balancer가 ${candidates.length}개 있어 ${chosen?.lb.LoadBalancerName}을(를) 사용합니다.`, en: `${candidates.length} application load balancers found; the drill uses ${chosen?.lb.LoadBalancerName}.` });
  const asg = chosen?.asg ?? (groups.length === 1 ? groups[0] : undefined);
  if (!chosen?.asg && groups.length > 1) {
    notes.push({ ko: `Auto Scaling 그룹이 ${groups.length}개 있지만 ALB의 대상 그룹에 연결된 것이 없습니다. --asg로 지정하세요.`, en: `${groups.length} Auto Scaling groups found and none is attached to the ALB's target group; pass --asg.` });
  }

  let appUrl: string | undefined;
  let appUrlProblem: Bilingual | undefined;
  if (chosen?.lb.DNSName) {
    const found = albAppUrl(chosen.lb.DNSName, listeners.filter((l) => l.LoadBalancerArn === chosen!.lb.LoadBalancerArn));
    if ('url' in found) appUrl = found.url;
    else appUrlProblem = found.problem;
  }

  const primaries = dbs.filter((db) => !db.ReadReplicaSourceDBInstanceIdentifier);
  const postgres = primaries.filter((db) => (db.Engine ?? '').includes('postgres'));
  const db = (postgres.length ? postgres : primaries)[0];
  if ((postgres.length || primaries.length) > 1) {
    notes.push({ ko: `DB 인스턴스가 ${postgres.length || primaries.length}개 있어 ${db?.DBInstanceIdentifier}을(를) 사용합니다.`, en: `${postgres.length || primaries.length} DB instances found; the drill uses ${db?.DBInstanceIdentifier}.` });
  }
  const redis = replicationGroups.find((g) => (g.Engine ?? 'redis') !== 'memcached') ?? replicationGroups[0];
  if (replicationGroups.length > 1) notes.push({ ko: `복제 그룹이 ${replicationGroups.length}개 있어 ${redis?.ReplicationGroupId}을(를) 사용합니다.`, en: `${replicationGroups.length} replication groups found; the drill uses ${redis?.ReplicationGroupId}.` });

  const deployment: DrillDeployment = {
    region: inventory.target.region,
    ...(appUrl ? { appUrl } : {}),
    ...(chosen?.lb.LoadBalancerName ? { loadBalancerName: chosen.lb.LoadBalancerName } : {}),
    ...(chosen?.tg?.TargetGroupArn ? { targetGroupArn: chosen.tg.TargetGroupArn } : {}),
    ...(asg?.AutoScalingGroupName ? { autoScalingGroupName: asg.AutoScalingGroupName } : {}),
    ...(db?.DBInstanceIdentifier ? { dbInstanceIdentifier: db.DBInstanceIdentifier } : {}),
    ...(redis?.ReplicationGroupId ? { replicationGroupId: redis.ReplicationGroupId } : {}),
  };
  return { deployment, notes, ...(appUrlProblem ? { appUrlProblem } : {}) };
}
