import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const { DeleteTopicCommand, SNSClient } = awsSdk('@aws-sdk/client-sns');

export const OPERATIONS = declareOperations('sns', ['DeleteTopic']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::SNS::Topic',
    rank: 40,
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(SNSClient, 'sns').send(new DeleteTopicCommand({ TopicArn: r.arn }))),
  },
];
