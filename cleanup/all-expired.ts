// `cleanup --all --older-than-expiry`: every CloudMart deployment of the account and region
// (found by tag, find-deployments.ts) whose cloudmart:expires-at has passed is cleaned by
// cleanDeployment, exactly as `cleanup --student <id> --older-than-expiry` cleans it, a few
// students at a time. What has not expired, has no (readable) expiry or carries no student
// tag is never touched. Returns a summary per student, the text in `lang` and a JSON record
// (the CLI writes it, the janitor publishes it); writes nothing itself.
import { UnreachableError } from '../contract/errors';
import { mapLimit } from '../contract/bounded';
import { TOOL } from '../contract/version';
import { classifyAwsError } from '../checks/aws/errors';
import type { AwsSession } from '../checks/aws/session';
import { cleanDeployment, type CleanDeploymentOptions, type CleanDeploymentResult } from './clean-deployment';
import { isOnItsWay } from './delete-deployment';
import { findDeployments, type ExpiryState, type FoundDeployment } from './find-deployments';
import { say, type Lang, type Said } from './text';

/** Deployments cleaned at once: each already runs up to 6 deletions at a time (delete-deployment.ts). */
export const DEFAULT_ALL_CONCURRENCY = 4;

export type AllExpiredOptions = Omit<CleanDeploymentOptions, 'student' | 'stackPrefix' | 'olderThanExpiry'> & {
  /** Deployments cleaned at once (default 4). */
  concurrency?: number;
};

/** What happened to one deployment. */
export type StudentStatus =
  /** expired, and everything cleanup deletes of it is gone */
  | 'deleted'
  /** expired; listed only (no --yes) */
  | 'would-delete'
  /** expired, but something could not be deleted, or is left */
  | 'failed'
  /** expired; Ctrl-C came first */
  | 'interrupted'
  /** not expired, no expiry, or an unreadable one: never touched */
  | 'kept'
  /** expired, but nothing of it is left for cleanup to delete (what the tag search still
   *  finds is on its way out: AWS lists terminated instances and deleted NAT gateways for a while) */
  | 'nothing-left';

export interface StudentSummary {
  student: string;
  state: ExpiryState;
  expiresAt?: string;
  expiries: string[];
  status: StudentStatus;
  reason: Said;
  /** For an expired deployment: what its cleanup did (absent when listed only). */
  deleted?: { stacks: number; resources: number };
  failed?: { stacks: string[]; resources: string[] };
  left?: { stacks: string[]; resources: string[] };
  /** The deployment's own cleanup text (listing and outcome), in `lang`. */
  text?: string;
}

/** The JSON record of one `cleanup --all` run (the CLI writes it; the janitor publishes it). */
export interface AllExpiredRecord {
  kind: 'cloudmart-cleanup-all';
  toolVersion: string;
  accountId: string;
  region: string;
  /** The clock expiry was judged by. */
  at: string;
  mode: 'list' | 'delete';
  interrupted: boolean;
  notes: Said[];
  deployments: Omit<StudentSummary, 'text'>[];
}

export interface AllExpiredResult {
  /** 0: every expired deployment is gone (or listed only); 1: something could not be deleted; 130: interrupted. */
  exitCode: 0 | 1 | 130;
  text: string;
  record: AllExpiredRecord;
}

export async function cleanAllExpired(session: AwsSession, options: AllExpiredOptions): Promise<AllExpiredResult> {
  const lang = options.lang ?? 'ko';
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => {});
  const { accountId } = await session.identity();
  const found = await findDeployments(session, now);
  const expired = found.deployments.filter((d) => d.state === 'expired');
  progress(
    say(
      `계정 ${accountId}, ${session.region}: CloudMart 배포 ${found.deployments.length}개, 그중 만료된 것 ${expired.length}개`,
      `account ${accountId}, ${session.region}: ${found.deployments.length} CloudMart deployment(s), ${expired.length} of them expired`,
    )[lang],
  );

  const cleaned = await mapLimit(expired, options.concurrency ?? DEFAULT_ALL_CONCURRENCY, async (deployment) => {
    if (options.signal?.aborted) return interruptedBeforeStart(deployment);
    try {
      const result = await cleanDeployment(session, {
        ...options,
        student: deployment.student,
        olderThanExpiry: true,
        now,
        onProgress: (line) => progress(`[${deployment.student}] ${line}`),
      });
      return summarize(deployment, result, options.yes === true);
    } catch (error) {
      if (error instanceof UnreachableError) throw error;
      const failure = classifyAwsError(error);
      if (failure.kind === 'credentials' || failure.kind === 'unreachable') throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { ...base(deployment), status: 'failed' as const, reason: say(`정리하지 못했습니다: ${message}`, `could not be cleaned: ${message}`) };
    }
  });
  const byStudent = new Map(cleaned.map((s) => [s.student, s]));
  const summaries = found.deployments.map((d) => byStudent.get(d.student) ?? { ...base(d), status: 'kept' as const, reason: d.reason });

  const interrupted = summaries.some((s) => s.status === 'interrupted');
  const failed = summaries.some((s) => s.status === 'failed');
  const record: AllExpiredRecord = {
    kind: 'cloudmart-cleanup-all',
    toolVersion: TOOL.version,
    accountId,
    region: session.region,
    at: now.toISOString(),
    mode: options.yes ? 'delete' : 'list',
    interrupted,
    notes: found.notes,
    deployments: summaries.map(({ text: _text, ...rest }) => rest),
  };
  return { exitCode: interrupted ? 130 : failed ? 1 : 0, text: formatAll(record, summaries, lang), record };
}

function base(d: FoundDeployment): Pick<StudentSummary, 'student' | 'state' | 'expiresAt' | 'expiries'> {
  return { student: d.student, state: d.state, ...(d.expiresAt ? { expiresAt: d.expiresAt } : {}), expiries: d.expiries };
}

function interruptedBeforeStart(d: FoundDeployment): StudentSummary {
  return { ...base(d), status: 'interrupted', reason: say('중단되어 시작하지 않았습니다', 'not started: cleanup was interrupted') };
}

function summarize(d: FoundDeployment, { plan, outcome, text, inventory }: CleanDeploymentResult, yes: boolean): StudentSummary {
  const toDelete =
    plan && inventory
      ? plan.stacks.filter((s) => s.action === 'delete').length + plan.resources.filter((r) => r.action === 'delete' && !isOnItsWay(r.resource, inventory)).length
      : 0;
  if (toDelete === 0) {
    return { ...base(d), status: 'nothing-left', reason: say('만료되었지만 cleanup이 지울 것이 더 남아 있지 않습니다', 'expired, but nothing of it is left for cleanup to delete'), text };
  }
  if (!yes || !outcome) return { ...base(d), status: 'would-delete', reason: d.reason, text };
  const deleted = {
    stacks: outcome.stacks.filter((s) => s.status === 'deleted').length,
    resources: outcome.resources.filter((r) => r.status === 'deleted' || r.status === 'with-stack').length,
  };
  const failed = {
    stacks: outcome.stacks.filter((s) => s.status === 'failed').map((s) => s.name),
    resources: outcome.resources.filter((r) => r.status === 'failed').map((r) => `${r.resource.type} ${r.resource.id}`),
  };
  const left = {
    stacks: outcome.leftover?.stacks ?? [],
    resources: (outcome.leftover?.resources ?? []).map((r) => `${r.type} ${r.id}`),
  };
  const status: StudentStatus = outcome.interrupted ? 'interrupted' : failed.stacks.length + failed.resources.length + left.stacks.length + left.resources.length > 0 ? 'failed' : 'deleted';
  const reason =
    status === 'deleted'
      ? say(`만료되어 지웠습니다: 스택 ${deleted.stacks}개, 리소스 ${deleted.resources}개`, `expired and deleted: ${deleted.stacks} stack(s), ${deleted.resources} resource(s)`)
      : status === 'interrupted'
        ? say('중단되었습니다(Ctrl-C): 남은 것은 이 배포의 출력을 보세요', 'interrupted (Ctrl-C): see its own output for what is left')
        : say(
            `일부를 지우지 못했습니다: 실패 ${failed.stacks.length + failed.resources.length}개, 남음 ${left.stacks.length + left.resources.length}개`,
            `not everything could be deleted: ${failed.stacks.length + failed.resources.length} failed, ${left.stacks.length + left.resources.length} left`,
          );
  return { ...base(d), status, reason, deleted, failed, left, text };
}

/** A status as the reader's language says it (the summary, the janitor's report). */
export const STATUS_WORDS: Record<StudentStatus, Said> = {
  deleted: say('지움', 'deleted'),
  'would-delete': say('지울 대상', 'would delete'),
  failed: say('실패', 'failed'),
  interrupted: say('중단됨', 'interrupted'),
  kept: say('유지', 'kept'),
  'nothing-left': say('남은 것 없음', 'nothing left'),
};

function formatAll(record: AllExpiredRecord, summaries: StudentSummary[], lang: Lang): string {
  const expired = summaries.filter((s) => s.state === 'expired');
  const lines = [
    say(
      `계정 ${record.accountId}, ${record.region}의 CloudMart 배포 ${summaries.length}개(태그 cloudmart:student로 찾음, 기준 시각 ${record.at}): 만료된 것 ${expired.length}개.`,
      `${summaries.length} CloudMart deployment(s) in account ${record.accountId}, ${record.region} (found by the tag cloudmart:student, judged at ${record.at}): ${expired.length} expired.`,
    )[lang],
    ...record.notes.map((n) => `  ${n[lang]}`),
  ];
  // Each expired deployment's own listing (and outcome) first, as `cleanup --student` prints it.
  for (const s of expired) if (s.text) lines.push('', `== ${s.student} ==`, s.text);
  lines.push('', say('학생별 요약', 'Summary per student')[lang]);
  const width = Math.max(8, ...summaries.map((s) => s.student.length));
  for (const s of summaries) lines.push(`  ${s.student.padEnd(width)}  ${STATUS_WORDS[s.status][lang].padEnd(12)}  ${s.reason[lang]}`);
  if (record.mode === 'list') {
    const toDelete = summaries.filter((s) => s.status === 'would-delete');
    lines.push(
      '',
      toDelete.length === 0
        ? say('목록만 보였습니다: 지울 만료된 배포가 없습니다.', 'Listed only: no expired deployment is left to delete.')[lang]
        : say(
            `목록만 보였고 아무것도 지우지 않았습니다: 만료된 배포 ${toDelete.length}개를 지우려면 --yes를 붙여 다시 실행하세요.`,
            `Listed only, nothing was deleted: run again with --yes to delete the ${toDelete.length} expired deployment(s).`,
          )[lang],
    );
  }
  return lines.join('\n');
}
