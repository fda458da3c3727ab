import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const { CloudWatchLogsClient, DeleteLogGroupCommand } = awsSdk('@aws-sdk/client-cloudwatch-logs');

export const OPERATIONS = declareOperations('logs', ['DeleteLogGroup']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::Logs::LogGroup',
    rank: 40,
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(CloudWatchLogsClient, 'logs').send(new DeleteLogGroupCommand({ logGroupName: r.id }))),
  },
];
