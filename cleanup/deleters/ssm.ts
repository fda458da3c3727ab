import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const { DeleteParameterCommand, SSMClient } = awsSdk('@aws-sdk/client-ssm');

export const OPERATIONS = declareOperations('ssm', ['DeleteParameter']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::SSM::Parameter',
    rank: 40,
    // The ARN holds the name without its leading slash; the id is the name as created.
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(SSMClient, 'ssm').send(new DeleteParameterCommand({ Name: r.id }))),
  },
];
