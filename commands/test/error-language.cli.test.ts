// Error sentences are in the command's language, Korean by default: the sentences a student
// meets most (wrong region, unreachable endpoint, no deployment, bad option values, missing
// files) are one line of Korean with --lang ko or no --lang, and English with --lang en.
import { describe, expect, it } from 'vitest';
import { closedPortEndpoint } from '../../fixtures/faults/closed-port';
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

  it("commander's parse errors: a missing required option, a value it rejects (the usage follows the sentence)", async () => {
    const missing = await runCli(['deploy']);
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr.split('\n')[0]).toBe('cloudmart: 필수 옵션 --student <id> 이(가) 없습니다.');
    const badValue = await runCli(['synth', '--minutes', 'abc']);
    expect(badValue.code).toBe(ExitCode.usage);
    expect(badValue.stderr.split('\n')[0]).toBe("cloudmart: 옵션 --minutes <n> 의 값 'abc' 은(는) 쓸 수 없습니다: 양수여야 합니다.");
    const english = await runCli(['synth', '--minutes', 'abc', '--lang', 'en']);
    expect(english.stderr.split('\n')[0]).toBe("cloudmart: option '--minutes <n>' argument 'abc' is invalid. expected a positive number.");
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
