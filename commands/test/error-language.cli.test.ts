// Error sentences are in the command's language, Korean by default: the sentences a student
// meets most (wrong region, unreachable endpoint, no deployment, bad option values, missing
// files) are one line of Korean with --lang ko or no --lang, and English with --lang en.
import { describe, expect, it } from 'vitest';
import { closedPortEndpoint } from '../../test/support/faults/closed-port';
import { ExitCode } from '../../contract/errors';
import { expectOneSentence, runCli, tempDirs, userEnv, EMULATOR_ENV } from './support';

const tempDir = tempDirs('cloudmart-error-language-');
const HANGUL = /[\uac00-\ud7a3]/;
/** English words of a sentence; Korean sentences keep only flags, names and commands. */
const ENGLISH_PROSE = /\b(the|is|not|pass|check|found|cannot|must|no such|file|read|running)\b/i;

function expectKorean(sentence: string): void {
  expect(sentence).toMatch(HANGUL);
  expect(sentence).not.toMatch(ENGLISH_PROSE);
}

describe.concurrent('error sentences in Korean (the default) and English', { timeout: 120_000 }, () => {
  it('a region name that is not one: verify --region seoul --lang ko', async () => {
    const run = await runCli(['verify', '--student', 'kim', '--region', 'seoul', '--lang', 'ko', '--out', tempDir()]);
    const sentence = expectOneSentence(run, ExitCode.usage);
    expectKorean(sentence);
    expect(sentence).toContain('"seoul"');
  });

  it('an endpoint nobody answers: verify --endpoint (exit 3), Korean without --lang, English with --lang en', async () => {
    const endpoint = await closedPortEndpoint();
    const ko = await runCli(['verify', '--student', 'kim', '--endpoint', endpoint, '--quiet', '--out', tempDir()], { env: userEnv(EMULATOR_ENV) });
    const sentence = expectOneSentence(ko, ExitCode.unreachable);
    expectKorean(sentence);
    expect(sentence).toContain(endpoint);
    const en = await runCli(['verify', '--student', 'kim', '--endpoint', endpoint, '--quiet', '--lang', 'en', '--out', tempDir()], { env: userEnv(EMULATOR_ENV) });
    expect(expectOneSentence(en, ExitCode.unreachable)).toBe(`Cannot reach the endpoint ${endpoint} (ECONNREFUSED); is the emulator or service running there?`);
  });

  it('bad option values: --lang fr, --min-score, a student ID that cannot be a stack name', async () => {
    for (const args of [
      ['verify', '--student', 'kim', '--lang', 'fr', '--out', tempDir()],
      ['verify', '--from-snapshot', 'x.json', '--min-score', 'eighty', '--lang', 'ko', '--out', tempDir()],
      ['deploy', '--student', 'Kim Minsu!', '--lang', 'ko'],
    ]) {
      expectKorean(expectOneSentence(await runCli(args), ExitCode.usage));
    }
  });

  it("commander's parse errors: a missing required option, an unknown option (the usage follows the sentence)", async () => {
    // destroy (deploy takes --student or --janitor, and says so itself: commands/test/janitor-deploy.test.ts).
    const missing = await runCli(['destroy']);
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr.split('\n')[0]).toBe('cloudmart: 필수 옵션 --student <id> 이(가) 없습니다.');
    const unknown = await runCli(['synth', '--minuts', '5']);
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr.split('\n')[0]).toBe('cloudmart: 알 수 없는 옵션 --minuts 입니다. --minutes 을(를) 쓰려던 것인가요?');
  });

  it('an option value its declaration rejects: one sentence of one wording, in the language of the command', async () => {
    expect(expectOneSentence(await runCli(['synth', '--minutes', 'abc']), ExitCode.usage)).toBe('--minutes 은(는) 0보다 큰 숫자여야 합니다("abc"은(는) 안 됩니다).');
    expect(expectOneSentence(await runCli(['synth', '--minutes', 'abc', '--lang', 'en']), ExitCode.usage)).toBe('--minutes must be a number greater than 0, not "abc".');
    expect(expectOneSentence(await runCli(['drill', '--rate', '0', '--lang', 'en']), ExitCode.usage)).toBe('--rate must be a number from 1 to 1000, not "0".');
    expect(expectOneSentence(await runCli(['nag', '--template', 'x.json', '--lang', 'fr']), ExitCode.usage)).toBe('--lang 은(는) ko 또는 en 중 하나여야 합니다("fr"은(는) 안 됩니다).');
  });

  it('missing files: nag --template, verify --from-snapshot', async () => {
    const missing = `${tempDir()}/nope.json`;
    const nag = expectOneSentence(await runCli(['nag', '--template', missing, '--out', `${tempDir()}/f.json`]), ExitCode.usage);
    expectKorean(nag);
    expect(nag).toBe(`템플릿 ${missing} 을(를) 읽을 수 없습니다: 그런 파일이 없습니다.`);
    const snapshot = expectOneSentence(await runCli(['verify', '--from-snapshot', missing, '--lang', 'ko', '--out', tempDir()]), ExitCode.usage);
    expect(snapshot).toMatch(/^스냅숏 .* 을\(를\) 읽을 수 없습니다/);
  });
});
