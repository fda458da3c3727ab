// The janitor's Lambda handler (stacks/janitor/ deploys it, bundled by ./bundle.ts): on each
// EventBridge Scheduler tick it runs `cleanup --all --older-than-expiry` (cleanAllExpired,
// the same code as the CLI) in its own account and region, a dry run unless its mode is
// `delete`, and publishes what it found or deleted to its SNS topic. It stops waiting a
// minute and a half before Lambda would stop it: what CloudFormation is still deleting, or
// what is left, is picked up by the next run (deletion is idempotent).
//
// Configuration (environment of the function):
//   JANITOR_MODE         dry-run (default) | delete
//   JANITOR_TOPIC_ARN    the SNS topic the report goes to (required)
//   JANITOR_LANG         ko (default) | en: the language of the report
//   JANITOR_CONCURRENCY  deployments cleaned at once (default 4)
//   AWS_REGION           set by Lambda; AWS_ENDPOINT_URL (the SDK's own variable) if not AWS
import { DEFAULT_JANITOR_MODE, JANITOR_MODES, type JanitorMode } from '../../contract/janitor';
import { sessionFor } from '../../checks/aws/session';
import { awsSdk } from '../../checks/aws/sdk';
import { declareOperations } from '../../checks/aws/operations';
import { cleanAllExpired, DEFAULT_ALL_CONCURRENCY, type AllExpiredRecord } from '../all-expired';
import type { DependencyRetry } from '../delete-deployment';
import type { Lang } from '../text';
import { janitorMessage } from './message';

const { PublishCommand, SNSClient } = awsSdk('@aws-sdk/client-sns');

export const OPERATIONS = declareOperations('sns', ['Publish']);


export interface JanitorConfig {
  mode: JanitorMode;
  topicArn: string;
  lang: Lang;
  concurrency: number;
  region: string;
  endpoint?: string;
}

export interface JanitorRun extends JanitorConfig {
  /** Milliseconds until the run must have stopped (Lambda's remaining time). */
  remainingMs?: () => number;
  /** Tests: the clock, polling and retries (defaults: cleanup's). */
  now?: Date;
  pollIntervalMs?: number;
  timeoutMs?: number;
  dependencyRetry?: DependencyRetry;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface JanitorResult {
  exitCode: 0 | 1 | 130;
  record: AllExpiredRecord;
  messageId: string | undefined;
}

/** Time kept back from Lambda's limit to stop waiting, report and publish. */
const STOP_BEFORE_MS = 90_000;

/** Reads the function's environment; a wrong value is one sentence (the run does nothing). */
export function janitorConfig(env: NodeJS.ProcessEnv = process.env): JanitorConfig {
  const mode = env.JANITOR_MODE ?? DEFAULT_JANITOR_MODE;
  if (!(JANITOR_MODES as readonly string[]).includes(mode)) throw new Error(`JANITOR_MODE must be dry-run or delete, not "${mode}"; nothing was done.`);
  const topicArn = env.JANITOR_TOPIC_ARN;
  if (!topicArn) throw new Error('JANITOR_TOPIC_ARN is not set; nothing was done.');
  const lang = env.JANITOR_LANG ?? 'ko';
  if (lang !== 'ko' && lang !== 'en') throw new Error(`JANITOR_LANG must be ko or en, not "${lang}"; nothing was done.`);
  const concurrency = Number(env.JANITOR_CONCURRENCY ?? DEFAULT_ALL_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`JANITOR_CONCURRENCY must be a whole number of at least 1, not "${env.JANITOR_CONCURRENCY}"; nothing was done.`);
  const region = env.AWS_REGION;
  if (!region) throw new Error('AWS_REGION is not set; nothing was done.');
  return { mode: mode as JanitorMode, topicArn, lang, concurrency, region, ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}) };
}

export async function runJanitor(run: JanitorRun): Promise<JanitorResult> {
  const session = sessionFor({ region: run.region, ...(run.endpoint ? { endpoint: run.endpoint } : {}), ...(run.credentials ? { credentials: run.credentials } : {}) }, 'cloudmart-janitor');
  const stop = new AbortController();
  const remaining = run.remainingMs?.();
  const timer = remaining === undefined ? undefined : setTimeout(() => stop.abort(), Math.max(0, remaining - STOP_BEFORE_MS));
  try {
    const result = await cleanAllExpired(session, {
      yes: run.mode === 'delete',
      lang: run.lang,
      concurrency: run.concurrency,
      signal: stop.signal,
      ...(run.now ? { now: run.now } : {}),
      ...(run.pollIntervalMs ? { pollIntervalMs: run.pollIntervalMs } : {}),
      ...(run.timeoutMs ? { timeoutMs: run.timeoutMs } : {}),
      ...(run.dependencyRetry ? { dependencyRetry: run.dependencyRetry } : {}),
      // CloudWatch Logs keeps the progress and each deployment's own listing.
      onProgress: (line) => console.log(line),
    });
    console.log(result.text);
    const { subject, message } = janitorMessage(result, run.lang);
    const out = await session.client(SNSClient, 'sns').send(new PublishCommand({ TopicArn: run.topicArn, Subject: subject, Message: message }));
    return { exitCode: result.exitCode, record: result.record, messageId: out.MessageId };
  } finally {
    if (timer) clearTimeout(timer);
    session.destroy();
  }
}

/** The Lambda entry point (EventBridge Scheduler sends its event; nothing in it is read). */
export async function handler(_event?: unknown, context?: { getRemainingTimeInMillis?: () => number }): Promise<{ mode: JanitorMode; exitCode: number; messageId?: string; deployments: AllExpiredRecord['deployments'] }> {
  const config = janitorConfig();
  const result = await runJanitor({ ...config, ...(context?.getRemainingTimeInMillis ? { remainingMs: () => context.getRemainingTimeInMillis!() } : {}) });
  return { mode: config.mode, exitCode: result.exitCode, ...(result.messageId ? { messageId: result.messageId } : {}), deployments: result.record.deployments };
}
