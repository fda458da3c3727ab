// The drill finds and reads the deployment's drill token with the student's credentials
// (ListSecrets by the token's tag, exact tags checked, then GetSecretValue), against the
// emulator: the student's own token, never another student's; none gives a note, not a guess.
// Secrets Manager API reference, Filter: tag-key values match by prefix, so the tags are checked exactly.
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsSession } from '../../checks/aws/session';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../../sandbox/emulator/emulator';
import { DRILL_TOKEN_TAG } from '../../stacks/workload/src/drill-token';
import { readDrillToken } from '../targets/aws';

const REGION = 'ap-northeast-2';
let emulator: RunningEmulator;
let session: AwsSession;

beforeAll(async () => {
  emulator = await startEmulator();
  session = new AwsSession({ region: REGION, endpoint: emulator.endpoint, credentials: emulatorCredentials() });
  const secrets = new SecretsManagerClient({ endpoint: emulator.endpoint, region: REGION, credentials: emulatorCredentials() });
  const token = (name: string, student: string, value: string, extra: { Key: string; Value: string }[] = []) =>
    secrets.send(new CreateSecretCommand({ Name: name, SecretString: value, Tags: [{ Key: 'cloudmart:student', Value: student }, ...extra] }));
  await token('DrillTokenSecret-alice', 'alice', 'alice-token-0123456789abcdef', [{ Key: DRILL_TOKEN_TAG, Value: 'true' }]);
  await token('DrillTokenSecret-bob', 'bob', 'bob-token-0123456789abcdef', [{ Key: DRILL_TOKEN_TAG, Value: 'true' }]);
  // alice's other secrets are not her drill token.
  await token('DatabaseSecret-alice', 'alice', '{"password":"x"}');
  await token('Prefix-alice', 'alice', 'not-the-token', [{ Key: `${DRILL_TOKEN_TAG}-old`, Value: 'true' }]);
  secrets.destroy();
});

afterAll(async () => {
  session?.destroy();
  await emulator?.stop();
});

describe('readDrillToken', () => {
  it("reads the student's own drill token, not another student's nor a secret whose tag only starts alike", async () => {
    expect(await readDrillToken(session, 'alice')).toEqual({ token: 'alice-token-0123456789abcdef' });
    expect(await readDrillToken(session, 'bob')).toEqual({ token: 'bob-token-0123456789abcdef' });
  });

  it('gives no token and a bilingual note when the deployment has none (drill endpoints off)', async () => {
    const found = await readDrillToken(session, 'carol');
    expect(found.token).toBeUndefined();
    expect(found.note!.en).toBe(
      'No drill token secret (tag cloudmart:drill-token) of student carol was found, so the drill sent no token; the drill endpoints exist only in a deployment made with --drill-endpoints, and answer 404 without the token.',
    );
    expect(found.note!.ko).toContain('학생 carol의 드릴 토큰 시크릿');
  });
});
