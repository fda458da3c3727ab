// CloudFormation: a stack is deleted as a whole (DeleteStack), and cleanup waits until
// CloudFormation says DELETE_COMPLETE or DELETE_FAILED.
import { declareOperations } from '../../aws/operations';
import { isGone, pollUntil, type DeleteContext } from '../deleter';
import { awsSdk } from '../../aws/sdk';

const { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } = awsSdk('@aws-sdk/client-cloudformation');

export const OPERATIONS = declareOperations('cloudformation', ['DeleteStack', 'DescribeStacks']);

/** Deletes the stack; resolves when it is gone, rejects with CloudFormation's reason when it is not. */
export async function deleteStack(stackId: string, ctx: Pick<DeleteContext, 'session' | 'pollIntervalMs' | 'timeoutMs'>): Promise<void> {
  const client = ctx.session.client(CloudFormationClient, 'cloudformation');
  await client.send(new DeleteStackCommand({ StackName: stackId }));
  let failure: string | undefined;
  await pollUntil(
    async () => {
      try {
        const stack = (await client.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
        if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return true;
        if (stack.StackStatus === 'DELETE_FAILED') {
          failure = `CloudFormation could not delete it (DELETE_FAILED${stack.StackStatusReason ? `: ${stack.StackStatusReason}` : ''})`;
          return true;
        }
        return false;
      } catch (error) {
        if (isGone(error)) return true;
        throw error;
      }
    },
    ctx,
    `deleting the stack ${stackId}`,
  );
  if (failure) throw new Error(failure);
}
