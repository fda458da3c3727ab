// `cloudmart cleanup`: lists the deployment's resources with their cloudmart:expires-at and
// what cleanup would do with each; with `yes`, deletes the deployment's stacks (in reverse
// dependency order), then the resources carrying the student's tag, then looks again to
// show what is left (cleanup/clean-deployment.ts). `--all --older-than-expiry` does that for
// every expired deployment of the account and region (cleanup/all-expired.ts). Returns the
// text to print (in `lang`), the exit code and the files to write; writes nothing.
import { sessionFor } from '../checks/aws/session';
import type { CollectOptions } from '../checks/collect';
import { UsageError } from '../contract/errors';
import { cleanAllExpired, type AllExpiredResult } from '../cleanup/all-expired';
import { cleanDeployment, type CleanDeploymentOptions, type CleanDeploymentResult } from '../cleanup/clean-deployment';

/** The account (region, endpoint, credentials...), the student, and how to clean (cleanup/clean-deployment.ts). */
export interface CleanupOptions extends Omit<CollectOptions, 'onProgress'>, CleanDeploymentOptions {}

export type CleanupResult = CleanDeploymentResult;

export async function cleanup(options: CleanupOptions): Promise<CleanupResult> {
  const session = sessionFor(options, `cloudmart-cleanup-${options.student}`);
  try {
    return await cleanDeployment(session, options);
  } finally {
    session.destroy();
  }
}

export interface CleanupAllOptions extends Omit<CleanupOptions, 'student' | 'stackPrefix'> {
  /** Every deployment of the account and region; only with olderThanExpiry. */
  all: true;
  /** Deployments cleaned at once (default 4). */
  concurrency?: number;
  /** Where the CLI writes the JSON record (default cleanup-all.json). */
  recordPath?: string;
}

export interface CleanupAllResult extends AllExpiredResult {
  /** The JSON record, for the CLI to write. */
  files: { path: string; content: string }[];
}

/**
 * `cloudmart cleanup --all --older-than-expiry`: every deployment of the account and region
 * whose cloudmart:expires-at has passed, each cleaned as `cleanup --student` cleans it.
 */
export async function cleanupAll(options: CleanupAllOptions): Promise<CleanupAllResult> {
  if (!options.olderThanExpiry) {
    throw new UsageError({
      ko: '--all 은 --older-than-expiry 와 함께만 씁니다: 만료되지 않은 배포까지 계정 전체를 지우는 일은 하지 않습니다.',
      en: '--all needs --older-than-expiry: cleanup never deletes every deployment of an account regardless of expiry.',
    });
  }
  const session = sessionFor(options, 'cloudmart-cleanup-all');
  try {
    const result = await cleanAllExpired(session, options);
    return { ...result, files: [{ path: options.recordPath ?? DEFAULT_RECORD_PATH, content: `${JSON.stringify(result.record, null, 2)}\n` }] };
  } finally {
    session.destroy();
  }
}

export const DEFAULT_RECORD_PATH = 'cleanup-all.json';

/** --student or --all, exactly one (one sentence otherwise). */
export function assertOneTarget(options: { student?: string; all?: boolean; stackPrefix?: string }): void {
  if (options.all && options.student) {
    throw new UsageError({ ko: '--student 와 --all 중 하나만 주세요.', en: 'Give either --student or --all, not both.' });
  }
  if (!options.all && !options.student) {
    throw new UsageError({ ko: '정리할 대상을 주세요: --student <ID> 또는 --all --older-than-expiry.', en: 'Say what to clean up: --student <id>, or --all --older-than-expiry.' });
  }
  if (options.all && options.stackPrefix) {
    throw new UsageError({ ko: '--stack-prefix 는 --student 와 함께만 씁니다.', en: '--stack-prefix goes with --student only.' });
  }
}
