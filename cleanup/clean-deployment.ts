// One student's cleanup on a session the caller owns: discovery, the plan, and with `yes`
// the deletions (runCleanup), then the text to print in `lang`. `cloudmart cleanup
// --student` (commands/cleanup.ts), `cleanup --all` (all-expired.ts) and the janitor's
// Lambda (janitor/handler.ts) all clean a deployment through this one function.
import type { AwsSession } from '../checks/aws/session';
import type { Inventory } from '../contract/inventory';
import { collectWithSession, type CollectOptions } from '../checks/collect';
import { NoDeploymentError } from '../checks/discovery/errors';
import { DEFAULT_DEPENDENCY_RETRY, runCleanup, type CleanupOutcome, type DependencyRetry } from './delete-deployment';
import { formatListOnly, formatOutcome, formatPlan } from './format';
import { planCleanup, type CleanupPlan } from './plan';
import type { Lang, Said } from './text';

export interface CleanDeploymentOptions extends Pick<CollectOptions, 'student' | 'stackPrefix'> {
  /** Delete (default: list only). */
  yes?: boolean;
  /** Only what carries a cloudmart:expires-at that has passed. */
  olderThanExpiry?: boolean;
  /** The language of the text (default ko). */
  lang?: Lang;
  /** The clock expiry is judged by (tests). */
  now?: Date;
  /** Polling of long deletions (default 10 s, up to 30 min: RDS and CloudFront take minutes on AWS). */
  pollIntervalMs?: number;
  timeoutMs?: number;
  /** Retries of resources something else still uses (default every 30 s for 20 min). */
  dependencyRetry?: DependencyRetry;
  /** Progress lines, in `lang`. */
  onProgress?: (message: string) => void;
  /** Aborted on Ctrl-C: cleanup stops waiting and reports what was deleted and what is left. */
  signal?: AbortSignal;
}

export interface CleanDeploymentResult {
  /** 130: interrupted (Ctrl-C). */
  exitCode: 0 | 1 | 130;
  /** The text for the console. */
  text: string;
  plan?: CleanupPlan;
  outcome?: CleanupOutcome;
  /** What discovery found before the plan (absent when nothing was found). */
  inventory?: Inventory;
}

export async function cleanDeployment(session: AwsSession, options: CleanDeploymentOptions): Promise<CleanDeploymentResult> {
  const lang = options.lang ?? 'ko';
  const progress = options.onProgress ?? (() => {});
  const said = (message: Said) => progress(message[lang]);
  const collectOptions: CollectOptions = { student: options.student, ...(options.stackPrefix ? { stackPrefix: options.stackPrefix } : {}) };
  let inventory;
  try {
    inventory = await collectWithSession(session, { ...collectOptions, onProgress: (e) => progress(e.message[lang]) });
  } catch (error) {
    // Nothing deployed is nothing to clean up: not an error for cleanup.
    if (error instanceof NoDeploymentError) return { exitCode: 0, text: `${lang === 'ko' ? '정리할 것이 없습니다.' : 'Nothing to clean up.'} ${error.in(lang)}` };
    throw error;
  }
  const now = options.now ?? new Date();
  const planOptions = { now, olderThanExpiry: options.olderThanExpiry ?? false };
  const plan = planCleanup(inventory, planOptions);
  const listing = formatPlan(plan, now, lang);
  if (!options.yes) return { exitCode: 0, text: `${listing}\n\n${formatListOnly(plan, lang)}`, plan, inventory };
  const outcome = await runCleanup(session, inventory, plan, {
    plan: planOptions,
    pollIntervalMs: options.pollIntervalMs ?? 10_000,
    timeoutMs: options.timeoutMs ?? 30 * 60_000,
    dependencyRetry: options.dependencyRetry ?? DEFAULT_DEPENDENCY_RETRY,
    onProgress: said,
    ...(options.signal ? { signal: options.signal } : {}),
    rediscover: async () => {
      try {
        return await collectWithSession(session, { ...collectOptions, onProgress: () => {} });
      } catch (error) {
        if (error instanceof NoDeploymentError) return undefined;
        throw error;
      }
    },
  });
  const failed =
    outcome.stacks.some((s) => s.status === 'failed') ||
    outcome.resources.some((r) => r.status === 'failed') ||
    (outcome.leftover?.stacks.length ?? 0) + (outcome.leftover?.resources.length ?? 0) > 0;
  return { exitCode: outcome.interrupted ? 130 : failed ? 1 : 0, text: `${listing}\n\n${formatOutcome(outcome, lang)}`, plan, outcome, inventory };
}
