// `cleanup --all`, step 1: every CloudMart deployment in the account and region, found by
// its cloudmart:student tag (on a stack or on any resource the Resource Groups Tagging API
// returns), with the expiry cleanup judges it by. Resources without the tag are never seen,
// so never touched. judgeExpiry is pure (tested with plain data).
//
// When a deployment's stacks and resources disagree on cloudmart:expires-at (a student
// extended some of them), the LATEST expiry wins: the deployment expires only once every
// expiry it carries has passed. A value that is not a time makes its expiry unknown, and an
// unknown expiry is never expired: cleanup never guesses in favour of deleting.
import { ExitCode, HarnessError } from '../contract/errors';
import type { AwsSession } from '../checks/aws/session';
import { listStacks } from '../checks/collectors/cloudformation';
import { resourcesTagged } from '../checks/collectors/tagging';
import { EXPIRES_TAG, STUDENT_TAG, tagRecord } from '../checks/discovery/tags';
import type { Tags } from '../contract/inventory';
import { say, type Said } from './text';

export type ExpiryState = 'expired' | 'not-expired' | 'no-expiry' | 'unreadable';

export interface FoundDeployment {
  student: string;
  /** How many stacks and resources carry cloudmart:student=<student>. */
  tagged: number;
  /** The expiry the deployment is judged by: the latest valid cloudmart:expires-at it carries. */
  expiresAt?: string;
  /** Every distinct cloudmart:expires-at value it carries (more than one: they disagree). */
  expiries: string[];
  state: ExpiryState;
  /** Why it is (or is not) expired, for the listing. */
  reason: Said;
}

export interface FoundDeployments {
  deployments: FoundDeployment[];
  /** Searches that could not be made; the deployments they would have found are not listed. */
  notes: Said[];
}

/** The region the Resource Groups Tagging API answers CloudFront in (as discovery's seeds.ts). */
const GLOBAL_TAG_REGION = 'us-east-1';

export async function findDeployments(session: AwsSession, now: Date): Promise<FoundDeployments> {
  const [stacks, regional, global] = await Promise.all([
    listStacks(session),
    // Key only, no value: every resource with the tag, whoever's it is
    // (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html, TagFilters).
    resourcesTagged(session, STUDENT_TAG, undefined),
    session.region === GLOBAL_TAG_REGION ? undefined : resourcesTagged(session, STUDENT_TAG, undefined, { region: GLOBAL_TAG_REGION, resourceTypes: ['cloudfront:distribution'] }),
  ]);
  // Without both regional searches the class would be half-listed: a deployment missed is
  // one not cleaned, silently. Stop instead.
  if (stacks.status !== 'collected' || regional.status !== 'collected') {
    const reason = stacks.status !== 'collected' ? stacks.reason : regional.status !== 'collected' ? regional.reason : '';
    throw new HarnessError(
      {
      ko: `계정의 CloudMart 배포를 찾지 못했습니다(${reason}). 자격 증명에 cloudformation:DescribeStacks 와 tag:GetResources 권한이 있는지 확인하세요.`,
      en: `Could not search the account for CloudMart deployments (${reason}): the credentials need cloudformation:DescribeStacks and tag:GetResources.`,
      },
      ExitCode.checksFailed,
    );
  }
  const notes: Said[] = [];
  if (global && global.status !== 'collected') {
    notes.push(say(`${GLOBAL_TAG_REGION}의 CloudFront 배포는 태그로 찾지 못했습니다(${global.reason}): CloudFront만 남은 배포는 목록에 없습니다`, `CloudFront distributions could not be searched by tag in ${GLOBAL_TAG_REGION} (${global.reason}): a deployment with only a distribution left is not listed`));
  }
  const tagSets: Tags[] = [
    ...stacks.data.filter((s) => s.StackStatus !== 'DELETE_COMPLETE').map((s) => tagRecord(s.Tags)),
    ...regional.data.map((r) => r.tags),
    ...(global?.status === 'collected' ? global.data.map((r) => r.tags) : []),
  ];
  return { deployments: judgeExpiry(tagSets, now), notes };
}

/** Groups tag sets by cloudmart:student and judges each deployment's expiry (the latest wins). */
export function judgeExpiry(tagSets: readonly Tags[], now: Date): FoundDeployment[] {
  const byStudent = new Map<string, { tagged: number; values: Set<string> }>();
  for (const tags of tagSets) {
    const student = tags[STUDENT_TAG];
    if (student === undefined || student === '') continue;
    const entry = byStudent.get(student) ?? { tagged: 0, values: new Set<string>() };
    entry.tagged += 1;
    const value = tags[EXPIRES_TAG];
    if (value !== undefined) entry.values.add(value);
    byStudent.set(student, entry);
  }
  return [...byStudent.entries()]
    .map(([student, { tagged, values }]) => ({ student, tagged, ...judge([...values].sort(), now) }))
    .sort((a, b) => a.student.localeCompare(b.student));
}

function judge(expiries: string[], now: Date): Omit<FoundDeployment, 'student' | 'tagged'> {
  if (expiries.length === 0) {
    return { expiries, state: 'no-expiry', reason: say(`${EXPIRES_TAG} 태그가 없어 지우지 않습니다`, `kept: it carries no ${EXPIRES_TAG}`) };
  }
  const unreadable = expiries.filter((v) => Number.isNaN(Date.parse(v)));
  if (unreadable.length > 0) {
    return {
      expiries,
      state: 'unreadable',
      reason: say(`${EXPIRES_TAG} 값 ${unreadable.join(', ')}은(는) 시각이 아니어서 만료를 알 수 없으므로 지우지 않습니다`, `kept: its ${EXPIRES_TAG} ${unreadable.join(', ')} is not a time, so its expiry is unknown`),
    };
  }
  const latest = expiries.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  const disagree = expiries.length > 1;
  if (Date.parse(latest) <= now.getTime()) {
    return {
      expiresAt: latest,
      expiries,
      state: 'expired',
      reason: disagree ? say(`만료됨: 가장 늦은 만료 시각 ${latest}도 지났습니다`, `expired: even its latest expiry ${latest} has passed`) : say(`만료됨(${latest})`, `expired (${latest})`),
    };
  }
  return {
    expiresAt: latest,
    expiries,
    state: 'not-expired',
    reason: disagree
      ? say(`아직 만료되지 않았습니다: 리소스마다 만료 시각이 달라 가장 늦은 ${latest}을(를) 따릅니다`, `not expired yet: its resources disagree on the expiry, and the latest, ${latest}, wins`)
      : say(`아직 만료되지 않았습니다(${latest})`, `not expired yet (${latest})`),
  };
}
