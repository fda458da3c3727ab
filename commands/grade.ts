// `grade`: verify every student of a roster (each with their own credentials, a bounded
// number at a time), score them all with one rubric and waiver file, and render each
// student's report plus the class report. This file reads the options and the roster and
// hands grade-class.ts the two steps only it knows: collect one student (verify) and run the
// checks of the whole class in one vitest run (checkAll); grade-class.ts bounds, times and
// scores them, and reports/ renders. With `--target local`, every roster row's scenario is
// first deployed in the emulated account its role ARN names, and the students are then
// reached exactly as on AWS: by assuming that role.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapLimit } from '../contract/bounded';
import { UsageError } from '../contract/errors';
import type { Bilingual } from '../contract/report';
import { assertRegionName } from '../checks/aws/region';
import { collectInventory, type CollectOptions } from '../checks/collect';
import { releaseCheckSuites, runCheckSuitesForMany, warmUpCheckSuites, type CheckSuiteInput } from '../checks/run-check-suites';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../sandbox/emulator/emulator';
import { createScenario } from '../sandbox/scenarios/index';
import { assertTimeZone, DEFAULT_TIME_ZONE, parseRoster, type ClassReport, type Lang, type ReportFormat, type RosterEntry } from '../reports/index';
import { gradeClass } from './grade-class';
import { concurrencyFrom } from './grade-each-student';
import { loadGradingInputs, type GradingInputOptions } from './grading-inputs';
import { DEFAULT_SCENARIO } from './defaults';
import { DEFAULT_OUT_DIR, DEFAULT_REGION } from './defaults';

export interface GradeOptions extends GradingInputOptions {
  rosterPath: string;
  target: 'aws' | 'local';
  region?: string;
  out?: string;
  formats?: readonly ReportFormat[];
  lang: Lang;
  /** IANA zone the reports' times are shown in (default Asia/Seoul). */
  timeZone?: string;
  concurrency?: number;
  timeoutMs?: number;
  /** Progress lines (one per student); false for none. */
  progress?: NodeJS.WritableStream | false;
  /** `--target local`: an emulator already running (tests, benchmarks); otherwise one is started. */
  endpoint?: string;
}

export interface GradeResult {
  files: { path: string; content: string }[];
  classReport: ClassReport;
  /** Lines about the roster (malformed rows) and the students that could not be graded. */
  problems: string[];
  /** 0: every roster row was graded; 1: some rows were malformed or some students could not be graded. */
  exitCode: 0 | 1;
}

export async function grade(options: GradeOptions): Promise<GradeResult> {
  // A bad --region is the instructor's typo, not 30 students' error rows.
  assertRegionName(options.region ?? DEFAULT_REGION);
  // Checked before anything is deployed or collected: 0 or NaN would otherwise read as "default", or fail after every deployment.
  if (options.concurrency !== undefined) concurrencyFrom(options.concurrency);
  const timeZone = assertTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  const grading = loadGradingInputs(options);
  let rosterText: string;
  try {
    rosterText = readFileSync(options.rosterPath, 'utf8');
  } catch (error) {
    throw new UsageError({ ko: `명단 ${options.rosterPath} 을(를) 읽을 수 없습니다: ${(error as Error).message}.`, en: `Cannot read the roster ${options.rosterPath}: ${(error as Error).message}.` }, { cause: error });
  }
  const roster = parseRoster(rosterText, path.basename(options.rosterPath));
  if (roster.entries.length === 0) {
    throw new UsageError({
      ko: `명단 ${options.rosterPath} 에 채점할 수 있는 학생이 없습니다(형식이 잘못된 줄 ${roster.problems.length}개).`,
      en: `The roster ${options.rosterPath} has no student that can be graded (${roster.problems.length} malformed row(s)).`,
    });
  }
  // Progress lines in the command's language.
  const say = (line: Bilingual) => {
    if (options.progress !== false) (options.progress ?? process.stdout).write(`${line[options.lang]}\n`);
  };
  for (const problem of roster.problems) say({ ko: `명단 ${problem.line}번째 줄: ${problem.reasonKo} (건너뜀)`, en: `roster line ${problem.line}: ${problem.reason} (skipped)` });
  void warmUpCheckSuites();

  const region = options.region ?? DEFAULT_REGION;
  let emulator: RunningEmulator | undefined;
  let endpoint = options.endpoint;
  const setupFailures = new Map<string, Error>();
  try {
    if (options.target === 'local' && !endpoint) {
      say({ ko: '로컬 AWS 에뮬레이터를 시작합니다', en: 'starting the local AWS emulator' });
      emulator = await startEmulator();
      endpoint = emulator.endpoint;
    }
    if (options.target === 'local') await deployScenarios(roster.entries, endpoint!, region, setupFailures, say);

    const result = await gradeClass({
      roster,
      rubric: grading.rubric,
      ...(grading.waivers ? { waivers: grading.waivers } : {}),
      outDir: options.out ?? DEFAULT_OUT_DIR,
      lang: options.lang,
      timeZone,
      ...(options.formats ? { formats: options.formats } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      previousReport: (entry) => readIfExists(path.join(options.out ?? DEFAULT_OUT_DIR, entry.student, 'report.json')),
      // Per student, a bounded number at a time: reach the account and collect the inventory
      // (the slow, I/O-bound part). Then the checks of the whole class run in ONE vitest run.
      verify: async (entry): Promise<CheckSuiteInput> => {
        const failure = setupFailures.get(entry.student);
        if (failure) throw failure;
        const studentRegion = entry.region ?? region;
        const inventory = await collectInventory(collectOptionsFor(entry, studentRegion, options.target, endpoint));
        return {
          inventory,
          target: {
            kind: options.target,
            region: studentRegion,
            accountId: inventory.target.accountId,
            student: entry.student,
            ...(options.target === 'local' ? { emulated: true, scenario: entry.scenario ?? DEFAULT_SCENARIO } : {}),
            ...(endpoint ? { endpoint } : {}),
          },
        };
      },
      checkAll: (collected) => {
        say({ ko: `학생 ${collected.length}명의 검사를 실행합니다`, en: `running the checks of ${collected.length} student(s)` });
        return runCheckSuitesForMany(collected, { progress: false });
      },
      onDone: (outcome, done, total) => {
        const entry = outcome.entry as RosterEntry;
        say(
          outcome.ok
            ? { ko: `[${done}/${total}] ${entry.student}: 수집함`, en: `[${done}/${total}] ${entry.student}: collected` }
            : { ko: `[${done}/${total}] ${entry.student}: 채점 못 함: ${outcome.error.message}`, en: `[${done}/${total}] ${entry.student}: not graded: ${outcome.error.message}` },
        );
      },
    });
    const problems = [
      ...roster.problems.map((p) => (options.lang === 'ko' ? `명단 ${p.line}번째 줄: ${p.reasonKo}` : `roster line ${p.line}: ${p.reason}`)),
      ...result.outcomes.flatMap((o) => (o.ok ? [] : [`${o.entry.student}: ${o.error.message}`])),
    ];
    return { files: result.files, classReport: result.classReport, problems, exitCode: problems.length ? 1 : 0 };
  } finally {
    // A class where nobody could be collected never starts the prepared check run.
    await releaseCheckSuites();
    await emulator?.stop();
  }
}

function collectOptionsFor(entry: RosterEntry, region: string, target: 'aws' | 'local', endpoint?: string): CollectOptions {
  return {
    student: entry.student,
    region,
    ...(endpoint ? { endpoint } : {}),
    // On the emulator, a roster row without a profile starts from the emulator's credentials,
    // as an instructor starts from their own.
    ...(target === 'local' && !entry.profile ? { credentials: emulatorCredentials() } : {}),
    ...(entry.profile ? { profile: entry.profile } : {}),
    ...(entry.roleArn ? { roleArn: entry.roleArn } : {}),
    ...(entry.externalId ? { externalId: entry.externalId } : {}),
  };
}

// The emulator is one Python process: more deployments at once than this only queue in it
// (bench/cases/scenarios.bench.ts measures the class-30 roster deployed this way).
const EMULATED_DEPLOYMENTS_AT_ONCE = 4;

/** Deploys every roster row's scenario into the account of its role ARN; a failure becomes that student's error. */
async function deployScenarios(
  entries: readonly RosterEntry[],
  endpoint: string,
  region: string,
  failures: Map<string, Error>,
  say: (line: Bilingual) => void,
): Promise<void> {
  const deployable = entries.filter((e) => !e.profile);
  say({ ko: `에뮬레이터에 배포 ${deployable.length}개를 만듭니다`, en: `creating ${deployable.length} emulated deployment(s)` });
  await mapLimit(deployable, EMULATED_DEPLOYMENTS_AT_ONCE, async (entry) => {
    const accountId = entry.roleArn?.split(':')[4];
    try {
      await createScenario(entry.scenario ?? DEFAULT_SCENARIO, {
        endpoint,
        region: entry.region ?? region,
        student: entry.student,
        ...(accountId ? { accountId } : {}),
      });
    } catch (error) {
      failures.set(entry.student, error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

