// `cloudmart cleanup`: lists the deployment's resources with their cloudmart:expires-at and
// what cleanup would do with each; with `yes`, deletes the deployment's stacks, then the
// resources carrying the student's tag. Returns the text to print and the exit code;
// writes nothing.
import { sessionFor } from '../checks/aws/session';
import { planCleanup, type CleanupPlan } from '../checks/cleanup/plan';
import { formatListOnly, formatOutcome, formatPlan } from '../checks/cleanup/format';
import { runCleanup, type CleanupOutcome } from '../checks/cleanup/run';
import { collectWithSession, type CollectOptions } from '../checks/collect';
import { NoDeploymentError } from '../checks/discovery/errors';

export interface CleanupOptions extends Omit<CollectOptions, 'onProgress'> {
  /** Delete (default: list only). */
  yes?: boolean;
  /** Only what carries a cloudmart:expires-at that has passed. */
  olderThanExpiry?: boolean;
  /** The clock expiry is judged by (tests). */
  now?: Date;
  /** Polling of long deletions (default 10 s, up to 30 min: RDS and CloudFront take minutes on AWS). */
  pollIntervalMs?: number;
  timeoutMs?: number;
  onProgress?: (message: string) => void;
}

export interface CleanupResult {
  exitCode: 0 | 1;
  /** The text for the console. */
  text: string;
  plan?: CleanupPlan;
  outcome?: CleanupOutcome;
}

export async function cleanup(options: CleanupOptions): Promise<CleanupResult> {
  const session = sessionFor(options, `cloudmart-cleanup-${options.student}`);
  try {
    const progress = options.onProgress ?? (() => {});
    let inventory;
    try {
      inventory = await collectWithSession(session, { ...options, onProgress: (e) => progress(e.message) });
    } catch (error) {
      // Nothing deployed is nothing to clean up: not an error for cleanup.
      if (error instanceof NoDeploymentError) return { exitCode: 0, text: `Nothing to clean up. ${error.message}` };
      throw error;
    }
    const now = options.now ?? new Date();
    const plan = planCleanup(inventory, { now, olderThanExpiry: options.olderThanExpiry ?? false });
    const listing = formatPlan(plan, now);
    if (!options.yes) return { exitCode: 0, text: `${listing}\n\n${formatListOnly(plan)}`, plan };
    const planOptions = { now, olderThanExpiry: options.olderThanExpiry ?? false };
    const outcome = await runCleanup(session, inventory, plan, {
      plan: planOptions,
      pollIntervalMs: options.pollIntervalMs ?? 10_000,
      timeoutMs: options.timeoutMs ?? 30 * 60_000,
      onProgress: progress,
      rediscover: async () => {
        try {
          return await collectWithSession(session, { ...options, onProgress: () => {} });
        } catch (error) {
          if (error instanceof NoDeploymentError) return undefined;
          throw error;
        }
      },
    });
    const failed = outcome.stacks.some((s) => s.status === 'failed') || outcome.resources.some((r) => r.status === 'failed');
    return { exitCode: failed ? 1 : 0, text: `${listing}\n\n${formatOutcome(outcome)}`, plan, outcome };
  } finally {
    session.destroy();
  }
}
