// CloudFormation: what links the deployment's stacks (nesting, exports and who imports
// them), and the deletion of one stack, watched until CloudFormation says it is gone or
// why it is not. A rejected delete is known at once: CloudFormation puts a stack whose
// export is in use back to a *_COMPLETE status (UPDATE_COMPLETE, with the reason), and a
// stack whose resource refuses deletion ends in DELETE_FAILED.
import type { Stack } from '@aws-sdk/client-cloudformation';
import { declareOperations } from '../../checks/aws/operations';
import type { AwsSession } from '../../checks/aws/session';
import { mapLimit } from '../../contract/bounded';
import { allPages } from '../../checks/collectors/collected';
import { isGone, type DeleteContext } from '../deleter';
import { stackResourceDeleteActions } from '../stack-resource-actions';
import type { StackLinks } from '../stack-order';
import { awsSdk } from '../../checks/aws/sdk';

const {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  paginateListExports,
  paginateListImports,
} = awsSdk('@aws-sdk/client-cloudformation');

// DeleteStack: without a service role, CloudFormation deletes the stack's resources with the caller's permissions.
export const OPERATIONS = declareOperations('cloudformation', [
  ['DeleteStack', 'cloudformation:DeleteStack', ...stackResourceDeleteActions()],
  'DescribeStacks',
  'DescribeStackEvents',
  'ListExports',
  'ListImports',
]);

const client = (session: AwsSession) => session.client(CloudFormationClient, 'cloudformation');

/** Nesting and imports of the given stacks (DescribeStacks, ListExports, ListImports). */
export async function readStackLinks(session: AwsSession, stackIds: readonly string[]): Promise<StackLinks[]> {
  const cfn = client(session);
  const stacks = (await mapLimit([...stackIds], 6, async (id) => (await cfn.send(new DescribeStacksCommand({ StackName: id }))).Stacks?.[0])).filter(
    (s): s is Stack => s !== undefined,
  );
  const ids = new Set(stacks.map((s) => s.StackId));
  const exports = (await allPages(paginateListExports({ client: cfn }, {}), (p) => p.Exports)).filter((e) => ids.has(e.ExportingStackId));
  const importedBy = await mapLimit(exports, 6, async (e) => ({ exporter: e.ExportingStackId!, exportName: e.Name!, stacks: await importersOf(session, e.Name!) }));
  return stacks.map((s) => ({
    name: s.StackName!,
    id: s.StackId!,
    ...(s.ParentId ? { parentId: s.ParentId } : {}),
    ...(s.RootId ? { rootId: s.RootId } : {}),
    importedBy: importedBy.filter((i) => i.exporter === s.StackId && i.stacks.length > 0).map(({ exportName, stacks: names }) => ({ exportName, stacks: names })),
  }));
}

async function importersOf(session: AwsSession, exportName: string): Promise<string[]> {
  try {
    return await allPages(paginateListImports({ client: client(session) }, { ExportName: exportName }), (p) => p.Imports);
  } catch (error) {
    // ListImports answers ValidationError "Export '<name>' is not imported by any stack." when none does.
    const e = error as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /not imported/i.test(e.message ?? '')) return [];
    throw error;
  }
}

export interface StackWatch extends Pick<DeleteContext, 'session' | 'pollIntervalMs' | 'timeoutMs'> {
  /** Called at every look: the stack's status and the time since DeleteStack. */
  onStatus?: (status: string, elapsedMs: number) => void;
  signal?: AbortSignal;
}

export type StackDeletion =
  | { result: 'deleted' }
  | { result: 'rejected' | 'failed'; status: string; reason: string }
  | { result: 'timed-out' | 'interrupted'; status: string };

/** Deletes the stack and watches it; never throws for CloudFormation's refusal (it is the answer). */
export async function deleteStack(stackId: string, watch: StackWatch): Promise<StackDeletion> {
  const cfn = client(watch.session);
  const started = Date.now();
  await cfn.send(new DeleteStackCommand({ StackName: stackId }));
  let status = 'DELETE_IN_PROGRESS';
  for (let delay = Math.min(250, watch.pollIntervalMs); ; delay = Math.min(delay * 2, watch.pollIntervalMs)) {
    let stack: Stack | undefined;
    try {
      stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
    } catch (error) {
      if (isGone(error) || (error as { name?: string }).name === 'ValidationError') return { result: 'deleted' };
      throw error;
    }
    status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    watch.onStatus?.(status, Date.now() - started);
    if (status === 'DELETE_COMPLETE') return { result: 'deleted' };
    if (status === 'DELETE_FAILED') return { result: 'failed', status, reason: await failureReason(watch.session, stackId, stack?.StackStatusReason, started) };
    if (status !== 'DELETE_IN_PROGRESS') {
      // Back to a *_COMPLETE status (or a rollback): CloudFormation refused the delete.
      return { result: 'rejected', status, reason: stack?.StackStatusReason ?? (await failureReason(watch.session, stackId, undefined, started)) };
    }
    if (Date.now() - started > watch.timeoutMs) return { result: 'timed-out', status };
    if (await sleep(delay, watch.signal)) return { result: 'interrupted', status };
  }
}

/** The stack's reason, with each failed resource's own reason (DescribeStackEvents since the delete began). */
async function failureReason(session: AwsSession, stackId: string, stackReason: string | undefined, since: number): Promise<string> {
  const events = (await client(session).send(new DescribeStackEventsCommand({ StackName: stackId }))).StackEvents ?? [];
  const failed = events.filter(
    (e) => e.ResourceStatus?.endsWith('_FAILED') && e.ResourceType !== 'AWS::CloudFormation::Stack' && (e.Timestamp?.getTime() ?? 0) >= since - 60_000,
  );
  const resources = failed.map((e) => `${e.LogicalResourceId} (${e.ResourceType}): ${e.ResourceStatusReason ?? e.ResourceStatus}`);
  return [stackReason?.trim(), ...resources].filter(Boolean).join(' ') || 'CloudFormation gave no reason';
}

/** Waits `ms`; true when the wait was cut short by the signal. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
