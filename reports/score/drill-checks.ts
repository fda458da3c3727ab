// A drill that ran becomes a check of the report (drill.scale-out, ...), in the category
// the rubric gives drills, so it is scored, waived and rendered like every other check.
// Drills that did not run add nothing: they leave the denominator.
import type { CheckOutcome, DrillKind, DrillResult, Severity } from '../../contract/report';
import { criterionOf, drillNotes } from '../render/i18n';
import type { Rubric } from '../rubric/rubric';

const TITLES: Record<DrillKind, { ko: string; en: string }> = {
  'scale-out': { ko: '부하 시 자동 확장 훈련', en: 'Scale-out under load drill' },
  'rds-failover': { ko: 'RDS 장애 조치 훈련', en: 'RDS failover drill' },
  'redis-failover': { ko: 'Redis 장애 조치 훈련', en: 'Redis failover drill' },
  'instance-loss': { ko: '인스턴스 손실 훈련', en: 'Instance loss drill' },
  restore: { ko: 'DB 복원 훈련(RTO, RPO)', en: 'Database restore drill (RTO, RPO)' },
};

const REMEDIATION: Record<DrillKind, { ko: string; en: string }> = {
  'scale-out': {
    ko: 'ASG에 대상 추적 조정 정책을 두고 최대 용량을 최소보다 크게 하며, 새 인스턴스가 2개 이상의 AZ에서 ALB 상태 검사를 통과하는지 확인하세요.',
    en: 'Give the ASG a target-tracking policy and a max capacity above its min, and make sure new instances pass the ALB health check in at least 2 AZs.',
  },
  'rds-failover': {
    ko: 'RDS를 Multi-AZ로 두고, 애플리케이션이 DB 엔드포인트(DNS)로 재연결하며 실패한 쓰기를 재시도하도록 하세요.',
    en: 'Keep RDS Multi-AZ and make the application reconnect through the DB endpoint (DNS) and retry failed writes.',
  },
  'redis-failover': {
    ko: 'Redis 복제 그룹에 자동 장애 조치와 복제본을 두고, 애플리케이션이 기본 엔드포인트로 재연결하도록 하세요.',
    en: 'Give the Redis replication group automatic failover and a replica, and make the application reconnect through the primary endpoint.',
  },
  'instance-loss': {
    ko: 'ASG 최소 용량을 2 이상으로 두고 ELB 상태 검사를 사용해 잃은 인스턴스가 빠르게 교체되도록 하세요.',
    en: 'Keep the ASG min capacity at 2 or more with ELB health checks so a lost instance is replaced quickly.',
  },
  restore: {
    ko: 'RDS 자동 백업(보존 7일 이상)과 AWS Backup 계획을 두고, 복원된 인스턴스가 애플리케이션 자격 증명으로 읽히는지 확인하며, 복원 절차와 RTO/RPO 목표를 재해 복구 계획에 적으세요.',
    en: "Keep RDS automated backups (7 days or more) and an AWS Backup plan, check that a restored instance is readable with the application's credentials, and write the restore steps and the RTO/RPO targets into the disaster recovery plan.",
  },
};

export function drillOutcome(drill: DrillResult, rubric: Rubric): CheckOutcome {
  const rule = rubric.drills.checks[drill.id];
  const severity: Severity = rule?.severity ?? 'high';
  return {
    id: drill.id,
    category: rubric.drills.category,
    severity,
    status: drill.status,
    title: TITLES[drill.kind],
    summary: drill.verdict.summary,
    resources: drill.verdict.criteria.map((c) => {
      // The id stays the English name (stable); the Korean line names the criterion in Korean.
      const ko = criterionOf('ko', c);
      return {
        id: c.name,
        status: c.pass ? 'pass' : 'fail',
        detail: `expected ${c.expected}, measured ${c.actual}`,
        detailKo: `${ko.name}: 기대 ${ko.expected}, 측정 ${ko.actual}`,
      };
    }),
    evidence: { ...drill.metrics, simulated: drill.simulated },
    notes: drill.notes.length ? drillNotes(drill) : undefined,
    remediation: REMEDIATION[drill.kind],
    refs: { fsbp: [], cdkNag: [], prowler: [] },
  };
}
