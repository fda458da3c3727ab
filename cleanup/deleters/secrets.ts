// Secrets Manager: deleted at once (no recovery window): the lab's DB password has no use
// after the lab, and a secret in its recovery window still costs money.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, type Deleter } from '../deleter';
import { awsSdk } from '../../checks/aws/sdk';

const { DeleteSecretCommand, SecretsManagerClient } = awsSdk('@aws-sdk/client-secrets-manager');

export const OPERATIONS = declareOperations('secretsmanager', ['DeleteSecret']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::SecretsManager::Secret',
    rank: 40,
    remove: (r, ctx) =>
      ignoringGone(() => ctx.session.client(SecretsManagerClient, 'secretsmanager').send(new DeleteSecretCommand({ SecretId: r.arn, ForceDeleteWithoutRecovery: true }))),
  },
];
