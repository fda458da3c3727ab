// The renderers' own words in the course's two languages (Korean by default).
import { CATEGORY_NAMES, STATUS_NAMES } from '../../contract/display-names';
import type { Bilingual, Category, CheckStatus, ResourceEvidence, Severity } from '../../contract/report';

export type Lang = 'ko' | 'en';

const WORDS = {
  reportTitle: { ko: 'CloudMart 배포 평가 보고서', en: 'CloudMart deployment report' },
  classTitle: { ko: 'CloudMart 반 평가 보고서', en: 'CloudMart class report' },
  emulated: { ko: 'EMULATED · 로컬 에뮬레이터 결과', en: 'EMULATED · local emulator' },
  emulatedNote: {
    ko: '이 보고서는 실제 AWS 계정이 아니라 로컬 에뮬레이터에 대해 만들어졌습니다.',
    en: 'This report was produced against the local AWS emulator, not a real AWS account.',
  },
  student: { ko: '학생', en: 'Student' },
  name: { ko: '이름', en: 'Name' },
  account: { ko: '계정', en: 'Account' },
  region: { ko: '리전', en: 'Region' },
  target: { ko: '대상', en: 'Target' },
  scenario: { ko: '시나리오', en: 'Scenario' },
  endpoint: { ko: '엔드포인트', en: 'Endpoint' },
  graded: { ko: '평가 시각', en: 'Graded' },
  tool: { ko: '도구', en: 'Tool' },
  rubric: { ko: '채점 기준', en: 'Rubric' },
  total: { ko: '총점', en: 'Total' },
  score: { ko: '점수', en: 'Score' },
  category: { ko: '영역', en: 'Category' },
  weight: { ko: '배점', en: 'Weight' },
  points: { ko: '획득 점수', en: 'Points' },
  checks: { ko: '검사', en: 'Checks' },
  check: { ko: '검사', en: 'Check' },
  status: { ko: '상태', en: 'Status' },
  severity: { ko: '심각도', en: 'Severity' },
  summary: { ko: '요약', en: 'Summary' },
  fixFirst: { ko: '먼저 고칠 것', en: 'What to fix first' },
  fixFirstNone: { ko: '실패하거나 오류가 난 검사가 없습니다.', en: 'No check failed or errored.' },
  lost: { ko: '잃은 점수', en: 'points lost' },
  byCategory: { ko: '영역별 검사', en: 'Checks by category' },
  evidence: { ko: '근거', en: 'Evidence' },
  resource: { ko: '리소스', en: 'Resource' },
  type: { ko: '유형', en: 'Type' },
  detail: { ko: '내용', en: 'Detail' },
  notes: { ko: '참고', en: 'Notes' },
  howToFix: { ko: '고치는 방법', en: 'How to fix' },
  fixWarning: { ko: '고치기 전에 알아 둘 것', en: 'Before you fix it' },
  inConsole: { ko: 'AWS 콘솔에서', en: 'In the AWS console' },
  withCdk: { ko: 'CDK로', en: 'With CDK' },
  refs: { ko: '참고 규칙', en: 'References' },
  waiver: { ko: '면제', en: 'Waiver' },
  approvedBy: { ko: '승인자', en: 'approved by' },
  expires: { ko: '만료', en: 'expires' },
  originalStatus: { ko: '원래 상태', en: 'original status' },
  waiversIgnored: { ko: '적용되지 않은 면제', en: 'Waivers not applied' },
  partialCredit: { ko: '부분 점수', en: 'partial credit' },
  drills: { ko: '장애 훈련', en: 'Drills' },
  simulated: { ko: '시뮬레이션', en: 'simulated' },
  criteria: { ko: '판정 기준', en: 'Verdict criteria' },
  criterion: { ko: '기준', en: 'Criterion' },
  expected: { ko: '기대', en: 'Expected' },
  actual: { ko: '측정', en: 'Measured' },
  metrics: { ko: '지표', en: 'Metrics' },
  timeline: { ko: '타임라인', en: 'Timeline' },
  seconds: { ko: '초', en: 's' },
  okRequests: { ko: '성공 요청/초', en: 'ok requests/s' },
  errorRequests: { ko: '오류 요청/초', en: 'errors/s' },
  latency: { ko: '지연 시간(ms)', en: 'latency (ms)' },
  events: { ko: 'AWS 이벤트', en: 'AWS events' },
  outage: { ko: '중단 구간', en: 'outage' },
  nag: { ko: 'cdk-nag 결과', en: 'cdk-nag findings' },
  template: { ko: '템플릿', en: 'Template' },
  rule: { ko: '규칙', en: 'Rule' },
  level: { ko: '수준', en: 'Level' },
  explanation: { ko: '설명', en: 'Explanation' },
  suppressed: { ko: '억제됨', en: 'suppressed' },
  discovery: { ko: '발견된 배포', en: 'What was graded' },
  stacks: { ko: '스택', en: 'Stacks' },
  resources: { ko: '리소스 수', en: 'Resources' },
  searched: { ko: '검색 방법', en: 'Searched' },
  ownershipConflicts: { ko: '소유권 충돌: 채점하지 않은 리소스', en: 'Ownership conflicts: resources not graded' },
  history: { ko: '이전 점수', en: 'Earlier scores' },
  date: { ko: '날짜', en: 'Date' },
  notScored: { ko: '채점 대상 없음', en: 'nothing to score' },
  distribution: { ko: '점수 분포', en: 'Score distribution' },
  passRate: { ko: '검사별 통과율', en: 'Pass rate per check' },
  students: { ko: '학생별 결과', en: 'Students' },
  studentCount: { ko: '학생 수', en: 'Students' },
  gradedCount: { ko: '채점됨', en: 'graded' },
  errorRow: { ko: '채점 불가', en: 'not graded' },
  error: { ko: '오류', en: 'Error' },
  rosterProblems: { ko: '명단 파일 문제', en: 'Roster problems' },
  line: { ko: '줄', en: 'Line' },
  reason: { ko: '이유', en: 'Reason' },
  report: { ko: '보고서', en: 'Report' },
  average: { ko: '평균', en: 'Average' },
  median: { ko: '중앙값', en: 'Median' },
  sortHint: { ko: '열 제목을 누르면 정렬됩니다.', en: 'Click a column heading to sort.' },
  passShare: { ko: '통과', en: 'pass' },
  previous: { ko: '이전', en: 'previous' },
  rubricMismatch: { ko: '학생마다 다른 채점 기준이 쓰였습니다', en: 'Students were graded with different rubrics' },
  blockedBy: { ko: '막은 검사', en: 'blocked by' },
  blockedReason: {
    ko: '실패했기 때문에 검사할 대상이 없습니다. 점수는 실패와 같이 잃습니다.',
    en: 'failed, so there was nothing to check; it costs its points like a failure.',
  },
  unblocks: { ko: '고치면 함께 검사되는 항목', en: 'fixing it unblocks' },
  fixFirstHint: {
    ko: '총점에 미치는 영향이 큰 순서입니다(영역 배점 × 잃은 점수 ÷ 영역 만점).',
    en: 'Largest effect on the total first (category weight × points lost ÷ category maximum).',
  },
  ofTotal: { ko: '총점', en: 'of the total' },
  /** What the number in brackets on a fix-first line of the console is. */
  inBrackets: { ko: '괄호 안: 총점에서 잃은 점수', en: 'in brackets: points lost from the total' },
  prefix: { ko: '스택 이름 접두사', en: 'Stack prefix' },
  timeZone: { ko: '시간대', en: 'time zone' },
  stamp: { ko: '주의', en: 'Note' },
  legend: { ko: '범례', en: 'Legend' },
  file: { ko: '파일', en: 'File' },
  min: { ko: '최저', en: 'min' },
  max: { ko: '최고', en: 'max' },
  ignoredColumns: { ko: '무시한 열', en: 'ignored columns' },
} as const;

export type Word = keyof typeof WORDS;

export function t(lang: Lang, word: Word): string {
  return WORDS[word][lang];
}

export function categoryName(lang: Lang, id: Category): string {
  return CATEGORY_NAMES[id][lang];
}

export function statusName(lang: Lang, status: CheckStatus): string {
  return STATUS_NAMES[status][lang];
}

const SEVERITY_NAMES: Record<Severity, { ko: string; en: string }> = {
  critical: { ko: '심각', en: 'critical' },
  high: { ko: '높음', en: 'high' },
  medium: { ko: '보통', en: 'medium' },
  low: { ko: '낮음', en: 'low' },
};

export function severityName(lang: Lang, severity: Severity): string {
  return SEVERITY_NAMES[severity][lang];
}

/** A number as the reports show it: at most one decimal, no trailing .0. */
export function fmt(n: number, decimals = 1): string {
  const f = 10 ** decimals;
  return String(Math.round(n * f) / f);
}

/**
 * Text of a report in the reader's language. report.json files written before issue 13 hold
 * some texts (summary, notes) as one English string: those are shown as they are.
 */
export function say(lang: Lang, text: Bilingual | string | undefined): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : text[lang] || text.en;
}

/** A resource's evidence line in the reader's language (Korean absent in older reports: English). */
export function detailOf(lang: Lang, resource: Pick<ResourceEvidence, 'detail' | 'detailKo'>): string {
  return lang === 'ko' && resource.detailKo ? resource.detailKo : resource.detail;
}

/** One ownership conflict as a sentence: the resource, and the other student's stack that created it. */
export function ownershipConflictLine(lang: Lang, conflict: { resource: string; type: string; stack: string; student: string }): string {
  return lang === 'ko'
    ? `${conflict.resource} (${conflict.type}): 이 학생의 태그가 붙어 있지만 학생 ${conflict.student}의 스택 ${conflict.stack}이(가) 만든 리소스이므로 채점에서 제외했습니다.`
    : `${conflict.resource} (${conflict.type}): tagged for this student but created by student ${conflict.student}'s stack ${conflict.stack}, so it was left out of grading.`;
}

/** The discovery section's "searched" lines in the reader's language (Korean absent or not one per line: English). */
export function searchedLines(lang: Lang, discovery: { searched: string[]; searchedKo?: string[] | undefined }): string[] {
  const ko = discovery.searchedKo;
  return lang === 'ko' && ko?.length === discovery.searched.length ? ko : discovery.searched;
}

// The drill result's own words: one reading for the CLI and the reports (contract/drill-text.ts).
export { criterionOf, drillNotes } from '../../contract/drill-text';
