// The check catalogue: every live check of ../shared/spec/checks.md (drills excluded), in
// checks.md's order, which is the order of the report. The one description of what a check is
// called and weighs, shared as data by every folder: checks/rules/<id>.ts takes its entry by id
// (and keeps only what is its own: datasets, remediation, evaluate), the scenarios' status maps
// and the report fixtures are built over it. contract/test/check-catalogue.test.ts compares it
// with checks.md and with the rule files.
// Severities: checks.md states two (nat.per-az and rds.enhanced-monitoring, low); the others
// are this catalogue's choice. Refs are exactly as checks.md lists them.
import type { Bilingual, Category, Refs, Severity } from './report';

export interface CheckCatalogueEntry {
  /** The public check id of checks.md; also the rule's file name (checks/rules/<id>.ts). */
  id: string;
  category: Category;
  severity: Severity;
  /** A requirement, so it reads right beside a failure mark ("... must not be publicly accessible"). */
  title: Bilingual;
  /** The same control in other tools (Security Hub FSBP, cdk-nag, Prowler), exactly as checks.md lists them. */
  refs: Refs;
}

/** An entry as written below: read-only, its id a literal (so LiveCheckId names every id). */
interface CatalogueRow {
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly title: Readonly<Bilingual>;
  readonly refs: { readonly fsbp: readonly string[]; readonly cdkNag: readonly string[]; readonly prowler: readonly string[] };
}

const ROWS = [
  // architecture
  {
    id: 'vpc.multi-az-subnets',
    category: 'architecture',
    severity: 'high',
    title: {
      ko: 'VPC에는 퍼블릭·프라이빗 서브넷이 각각 2개 이상의 AZ에 있어야 함',
      en: 'The VPC must have public and private subnets in at least 2 AZs each',
    },
    refs: { fsbp: [], cdkNag: [], prowler: ['vpc_subnet_different_az', 'vpc_subnet_separate_private_public'] },
  },
  {
    id: 'vpc.private-tiers',
    category: 'architecture',
    severity: 'high',
    title: {
      ko: '앱 인스턴스·RDS·Redis는 프라이빗 서브넷에만 있어야 하고 앱 인스턴스에는 퍼블릭 IP가 없어야 함',
      en: 'App instances, RDS and Redis must sit only in private subnets; app instances must have no public IP',
    },
    refs: { fsbp: ['AutoScaling.5', 'RDS.2'], cdkNag: [], prowler: [] },
  },
  {
    id: 'alb.internet-facing',
    category: 'architecture',
    severity: 'high',
    title: {
      ko: '퍼블릭 서브넷의 인터넷 연결 ALB가 리스너로 대상 그룹에 전달해야 함',
      en: 'An internet-facing ALB in public subnets must forward a listener to a target group',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'asg.behind-alb',
    category: 'architecture',
    severity: 'high',
    title: {
      ko: 'ASG는 시작 템플릿을 쓰고 ALB 대상 그룹에 연결되어 ELB 상태 확인을 사용해야 함',
      en: 'The ASG must use a launch template, be attached to the ALB target group and use ELB health checks',
    },
    refs: { fsbp: ['AutoScaling.1'], cdkNag: ['AwsSolutions-AS2'], prowler: [] },
  },
  {
    id: 'rds.postgres-present',
    category: 'architecture',
    severity: 'high',
    title: {
      ko: '프라이빗 서브넷의 DB 서브넷 그룹에 RDS PostgreSQL 인스턴스가 있어야 함',
      en: 'An RDS PostgreSQL instance must run in a DB subnet group of private subnets',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'elasticache.redis-present',
    category: 'architecture',
    severity: 'medium',
    title: {
      ko: '프라이빗 서브넷의 캐시 서브넷 그룹에 Redis 복제 그룹이 있어야 함',
      en: 'A Redis replication group must run in a cache subnet group of private subnets',
    },
    refs: { fsbp: ['ElastiCache.7'], cdkNag: [], prowler: [] },
  },
  {
    id: 'frontend.s3-cloudfront',
    category: 'architecture',
    severity: 'medium',
    title: {
      ko: 'CloudFront 배포가 배포 환경의 S3 버킷을 오리진으로 제공하고 기본 루트 객체가 있어야 함',
      en: 'A CloudFront distribution must serve an S3 bucket of the deployment with a default root object',
    },
    refs: { fsbp: ['CloudFront.1'], cdkNag: [], prowler: [] },
  },
  {
    id: 'wiring.targets-healthy',
    category: 'architecture',
    severity: 'high',
    title: {
      ko: '대상 그룹에는 ASG 최소 용량 이상의 정상 대상이 있어야 하고 모두 ASG 인스턴스여야 함',
      en: 'The target group must have at least the ASG minimum of healthy targets, all of them ASG instances',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'cost.within-budget',
    category: 'architecture',
    severity: 'medium',
    title: {
      ko: '발견된 리소스의 실습 시간 동안 예상 비용은 예산 이내여야 함',
      en: 'The estimated cost of the discovered resources over the lab must be within the budget',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'tags.cleanup',
    category: 'architecture',
    severity: 'low',
    title: {
      ko: '태그를 지원하는 모든 리소스에는 정리용 태그(학생, 만료 시각)가 있어야 함',
      en: 'Every taggable resource must carry the cleanup tags (student and expiry)',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  // high-availability
  {
    id: 'asg.multi-az',
    category: 'high-availability',
    severity: 'high',
    title: {
      ko: 'ASG는 2개 이상의 AZ에 걸치고 최소 용량이 2 이상이며 인스턴스가 여러 AZ에 분산되어야 함',
      en: 'The ASG must span at least 2 AZs with min capacity >= 2 and in-service instances in 2+ AZs',
    },
    refs: { fsbp: ['AutoScaling.2'], cdkNag: [], prowler: [] },
  },
  {
    id: 'asg.scaling-policy',
    category: 'high-availability',
    severity: 'medium',
    title: {
      ko: 'ASG에는 대상 추적 또는 단계 조정 정책이 있고 최대 용량이 최소 용량보다 커야 함',
      en: 'The ASG must have a target-tracking or step scaling policy and max capacity > min capacity',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'alb.multi-az',
    category: 'high-availability',
    severity: 'high',
    title: {
      ko: 'ALB는 2개 이상의 AZ에서 활성화되어 있어야 함',
      en: 'The ALB must be enabled in at least 2 AZs',
    },
    refs: { fsbp: ['ELB.13'], cdkNag: [], prowler: [] },
  },
  {
    id: 'rds.multi-az',
    category: 'high-availability',
    severity: 'high',
    title: {
      ko: 'RDS 인스턴스는 다중 AZ로 구성되어야 함',
      en: 'The RDS instance must be Multi-AZ',
    },
    refs: { fsbp: ['RDS.5'], cdkNag: ['AwsSolutions-RDS3'], prowler: ['rds_instance_multi_az'] },
  },
  {
    id: 'elasticache.automatic-failover',
    category: 'high-availability',
    severity: 'high',
    title: {
      ko: 'Redis는 자동 장애 조치와 다중 AZ가 켜져 있고 복제본이 1개 이상 있어야 함',
      en: 'Redis must have automatic failover and Multi-AZ on with at least one replica',
    },
    refs: { fsbp: ['ElastiCache.3'], cdkNag: ['AwsSolutions-AEC4'], prowler: [] },
  },
  {
    id: 'rds.backup-retention',
    category: 'high-availability',
    severity: 'medium',
    title: {
      ko: 'RDS 자동 백업은 7일 이상 보관해야 함',
      en: 'RDS automated backups must be kept at least 7 days',
    },
    refs: { fsbp: ['RDS.11'], cdkNag: ['AwsSolutions-RDS13'], prowler: [] },
  },
  {
    id: 'backup.plan-covers-rds',
    category: 'high-availability',
    severity: 'medium',
    title: {
      ko: '보존 기간 7일 이상의 AWS Backup 계획이 RDS 인스턴스를 포함해야 함',
      en: 'An AWS Backup plan with 7+ days retention must cover the RDS instance',
    },
    refs: { fsbp: ['RDS.26'], cdkNag: [], prowler: [] },
  },
  {
    id: 'rds.deletion-protection',
    category: 'high-availability',
    severity: 'low',
    title: {
      ko: 'RDS 인스턴스는 삭제 방지가 켜져 있어야 함',
      en: 'RDS instances must have deletion protection on',
    },
    refs: { fsbp: [], cdkNag: ['AwsSolutions-RDS10'], prowler: [] },
  },
  {
    id: 'elasticache.snapshots',
    category: 'high-availability',
    severity: 'medium',
    title: {
      ko: 'Redis 자동 스냅샷은 1일 이상 보관해야 함',
      en: 'Redis automatic snapshots must be kept at least 1 day',
    },
    refs: { fsbp: ['ElastiCache.1'], cdkNag: [], prowler: [] },
  },
  {
    id: 'nat.per-az',
    category: 'high-availability',
    severity: 'low',
    title: {
      ko: '프라이빗 서브넷이 있는 각 AZ는 자기 AZ의 NAT 게이트웨이로 나가야 함',
      en: 'Each AZ with private subnets must route through a NAT gateway in its own AZ',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  // security
  {
    id: 'sg.alb-ingress',
    category: 'security',
    severity: 'high',
    title: {
      ko: 'ALB 보안 그룹은 인터넷에서 TCP 80·443만 허용해야 함',
      en: 'The ALB security groups must accept only TCP 80 and 443 from the internet',
    },
    refs: { fsbp: ['EC2.18'], cdkNag: [], prowler: [] },
  },
  {
    id: 'sg.app-from-alb-only',
    category: 'security',
    severity: 'high',
    title: {
      ko: '앱 인스턴스 보안 그룹은 ALB 보안 그룹에서 오는 트래픽만 허용해야 함',
      en: 'The app security groups must accept traffic only from the ALB security group',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'sg.db-from-app-only',
    category: 'security',
    severity: 'critical',
    title: {
      ko: 'RDS 보안 그룹은 DB 포트를 앱 보안 그룹에서만 허용해야 함',
      en: 'The RDS security groups must accept the DB port only from the app security group',
    },
    refs: { fsbp: [], cdkNag: ['AwsSolutions-RDS8'], prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432'] },
  },
  {
    id: 'sg.cache-from-app-only',
    category: 'security',
    severity: 'high',
    title: {
      ko: 'Redis 보안 그룹은 Redis 포트를 앱 보안 그룹에서만 허용해야 함',
      en: 'The Redis security groups must accept the Redis port only from the app security group',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'rds.encrypted',
    category: 'security',
    severity: 'high',
    title: {
      ko: 'RDS 스토리지는 암호화되어 있어야 함',
      en: 'RDS storage must be encrypted',
    },
    refs: { fsbp: ['RDS.3'], cdkNag: ['AwsSolutions-RDS2'], prowler: [] },
  },
  {
    id: 'rds.not-public',
    category: 'security',
    severity: 'critical',
    title: {
      ko: 'RDS 인스턴스는 퍼블릭 액세스를 허용하지 않아야 함',
      en: 'RDS instances must not be publicly accessible',
    },
    refs: { fsbp: ['RDS.2'], cdkNag: [], prowler: [] },
  },
  {
    id: 'elasticache.encryption',
    category: 'security',
    severity: 'medium',
    title: {
      ko: 'Redis는 저장 데이터와 전송 중 데이터를 모두 암호화해야 함',
      en: 'Redis must be encrypted at rest and in transit',
    },
    refs: { fsbp: ['ElastiCache.4', 'ElastiCache.5'], cdkNag: ['AwsSolutions-AEC3'], prowler: [] },
  },
  {
    id: 's3.block-public-access',
    category: 'security',
    severity: 'high',
    title: {
      ko: '프런트엔드 버킷은 모든 퍼블릭 액세스를 차단해야 함',
      en: 'The frontend bucket must block all public access',
    },
    refs: { fsbp: ['S3.8'], cdkNag: [], prowler: [] },
  },
  {
    id: 'cloudfront.origin-access-control',
    category: 'security',
    severity: 'high',
    title: {
      ko: 'CloudFront는 OAC(또는 OAI)로 버킷에 접근하고 버킷 정책은 그것만 허용해야 함',
      en: 'CloudFront must reach the bucket through origin access control (or identity) and the bucket policy must grant only that',
    },
    refs: { fsbp: ['CloudFront.13'], cdkNag: ['AwsSolutions-CFR7'], prowler: [] },
  },
  {
    id: 'cloudfront.https-only',
    category: 'security',
    severity: 'medium',
    title: {
      ko: 'CloudFront는 뷰어를 HTTPS로 리디렉션하거나 HTTPS만 허용해야 함',
      en: 'CloudFront must redirect viewers to HTTPS or require HTTPS',
    },
    refs: { fsbp: ['CloudFront.3'], cdkNag: [], prowler: [] },
  },
  {
    id: 'ec2.imdsv2',
    category: 'security',
    severity: 'high',
    title: {
      ko: '시작 템플릿은 IMDSv2(HttpTokens=required)를 요구해야 함',
      en: 'The launch template must require IMDSv2 (HttpTokens=required)',
    },
    refs: { fsbp: ['AutoScaling.3'], cdkNag: [], prowler: [] },
  },
  {
    id: 'iam.instance-role-least-privilege',
    category: 'security',
    severity: 'high',
    title: {
      ko: '인스턴스 역할에는 AdministratorAccess나 모든 리소스에 대한 "*" 작업 허용이 없어야 함',
      en: 'The instance role must have no AdministratorAccess and no "*" actions on "*"',
    },
    refs: { fsbp: [], cdkNag: ['AwsSolutions-IAM5'], prowler: [] },
  },
  {
    id: 'secrets.no-plaintext',
    category: 'security',
    severity: 'critical',
    title: {
      ko: '시작 템플릿 사용자 데이터에 비밀번호나 비밀 값이 평문으로 있으면 안 됨',
      en: 'The launch template user data must hold no password or secret literal',
    },
    refs: { fsbp: [], cdkNag: [], prowler: ['ec2_launch_template_no_secrets'] },
  },
  // monitoring
  {
    id: 'alarms.coverage',
    category: 'monitoring',
    severity: 'high',
    title: {
      ko: '배포 리소스를 가리키는 필수 알람(ASG CPU, ALB 5xx·비정상 호스트, RDS CPU·여유 스토리지, Redis CPU·메모리)이 있어야 함',
      en: "Required alarms must name the deployment's resources (ASG CPU, ALB 5xx and unhealthy hosts, RDS CPU and free storage, Redis CPU or memory)",
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'alarms.actions',
    category: 'monitoring',
    severity: 'medium',
    title: {
      ko: '모든 알람은 작업이 켜져 있고 ALARM 상태 작업(예: SNS)이 하나 이상 있어야 함',
      en: 'Every alarm must have actions enabled and at least one ALARM-state action (e.g. SNS)',
    },
    refs: { fsbp: ['CloudWatch.15', 'CloudWatch.17'], cdkNag: [], prowler: [] },
  },
  {
    id: 'dashboard.present',
    category: 'monitoring',
    severity: 'medium',
    title: {
      ko: 'CloudWatch 대시보드는 배포의 ALB·ASG·RDS 지표를 보여 줘야 함',
      en: "A CloudWatch dashboard must show metrics of the deployment's ALB, ASG and RDS",
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'logs.retention',
    category: 'monitoring',
    severity: 'low',
    title: {
      ko: '애플리케이션 로그 그룹이 있고 보존 기간이 설정되어 있어야 함',
      en: 'The application log group must exist and have a retention period',
    },
    refs: { fsbp: ['CloudWatch.16'], cdkNag: [], prowler: [] },
  },
  {
    id: 'asg.group-metrics',
    category: 'monitoring',
    severity: 'low',
    title: {
      ko: 'ASG 그룹 지표 수집이 켜져 있어야 함',
      en: 'ASG group metrics collection must be enabled',
    },
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  },
  {
    id: 'rds.enhanced-monitoring',
    category: 'monitoring',
    severity: 'low',
    title: {
      ko: 'RDS 인스턴스는 향상된 모니터링이나 Performance Insights가 켜져 있어야 함',
      en: 'RDS instances must have enhanced monitoring or Performance Insights on',
    },
    refs: { fsbp: ['RDS.6'], cdkNag: [], prowler: [] },
  },
] as const satisfies readonly CatalogueRow[];

/** A live check id of checks.md. */
export type LiveCheckId = (typeof ROWS)[number]['id'];

function entryOf(row: CatalogueRow): CheckCatalogueEntry {
  const { fsbp, cdkNag, prowler } = row.refs;
  return { id: row.id, category: row.category, severity: row.severity, title: { ...row.title }, refs: { fsbp: [...fsbp], cdkNag: [...cdkNag], prowler: [...prowler] } };
}

/** The catalogue in report order. */
export const CHECK_CATALOGUE: readonly CheckCatalogueEntry[] = Object.freeze(ROWS.map(entryOf));

/** The live check ids in report order. */
export const LIVE_CHECK_IDS: readonly LiveCheckId[] = Object.freeze(ROWS.map((row) => row.id));

/** The entry of one live check (a copy: a rule may not change what others read). */
export function catalogueEntry(id: LiveCheckId): CheckCatalogueEntry {
  const row = ROWS.find((r) => r.id === id);
  if (!row) throw new Error(`contract/check-catalogue: no check ${id}`);
  return entryOf(row);
}
