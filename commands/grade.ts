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
import type { Bilingual, Report } from '../contract/report';
import type { Inventory } from '../contract/inventory';
import { assertRegionName } from '../checks/aws/region';
import type { AccountSelection } from '../checks/aws/session';
import { collectInventory, type CollectOptions } from '../checks/collect';
import { releaseCheckSuites, runCheckSuitesForMany, warmUpCheckSuites, type CheckSuiteInput } from '../checks/run-check-suites';
import { emulatorCredentials, startEmulator, type RunningEmulator } from '../sandbox/emulator/emulator';
import { createScenario } from '../sandbox/scenarios/index';
import { assertTimeZone, DEFAULT_TIME_ZONE, parseRoster, type ClassReport, type Lang, type ReportFormat, type Roster, type RosterEntry } from '../reports/index';
import { gradeClass } from './grade-class';
import { concurrencyFrom, type StudentOutcome } from './grade-each-student';
import { loadGradingInputs, type GradingInputOptions, type GradingInputs } from './grading-inputs';
import { endpointStamps } from './verify';
import { DEFAULT_SCENARIO } from './defaults';
import { DEFAULT_OUT_DIR, DEFAULT_REGION } from './defaults';

export interface GradeOptions extends GradingInputOptions, AccountSelection {
  rosterPath: string;
  target: 'aws' | 'local';
  out?: string;
  formats?: readonly ReportFormat[];
  lang: Lang;
  /** IANA zone the reports' times are shown in (default Asia/Seoul). */
  timeZone?: string;
  concurrency?: number;
  timeoutMs?: number;
  /** Progress lines (one per student); false for none. */
  progress?: NodeJS.WritableStream | false;
  // `endpoint` (AccountSelection): any AWS-compatible endpoint; with `--target local`, an
  // emulator already running (tests, benchmarks), otherwise one is started. `profile`,
  // `roleArn` and `externalId` are where a roster row without its own starts from.
}

export interface GradeResult {
  files: { path: string; content: string }[];
  classReport: ClassReport;
  /** Lines about the roster (malformed rows) and the students that could not be graded. */
  problems: string[];
  /** 0: every roster row was graded; 1: some rows were malformed or some students could not be graded. */
  exitCode: 0 | 1;
}

/** A class ready to be graded: options checked, roster read, emulated deployments made. Any number of rounds may follow (grade: one; grade --watch: one per interval). */
export interface PreparedClass {
  readonly options: GradeOptions;
  readonly roster: Roster;
  readonly grading: GradingInputs;
  readonly timeZone: string;
  readonly region: string;
  readonly endpoint: string | undefined;
  /** Students whose emulated deployment could not be made: their error, every round. */
  readonly setupFailures: ReadonlyMap<string, Error>;
  /** A progress line in the command's language. */
  readonly say: (line: Bilingual) => void;
  /** Stops what prepareClass started (the emulator, a prepared check run). */
  close(): Promise<void>;
}

/** What a round can hand its caller besides the graded class: each collected inventory (the board's cost so far). */
export interface RoundHooks {
  onInventory?: (student: string, inventory: Inventory) => void;
  /** No line per student (grade --watch says one line per round). */
  quiet?: boolean;
  /** The student's previous report.json text (default: the one in --out now); grade --watch keeps the one from before it started. */
  previousReport?: (entry: RosterEntry) => string | undefined;
}

/** One round's class, with each roster row's outcome (the scored report, or why there is none). */
export interface RoundResult extends GradeResult {
  outcomes: StudentOutcome<RosterEntry, Report>[];
}

export async function grade(options: GradeOptions): Promise<GradeResult> {
  const prepared = await prepareClass(options);
  try {
    return await gradeRound(prepared);
  } finally {
    await prepared.close();
  }
}

/** Checks the options, reads the roster, and (--target local) starts the emulator and deploys every row's scenario. */
export async function prepareClass(options: GradeOptions): Promise<PreparedClass> {
  validate(options);
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
  const close = async () => {
    // A class where nobody could be collected never starts the prepared check run.
    await releaseCheckSuites();
    await emulator?.stop();
  };
  try {
    if (options.target === 'local' && !endpoint) {
      say({ ko: '로컬 AWS 에뮬레이터를 시작합니다', en: 'starting the local AWS emulator' });
      emulator = await startEmulator();
      endpoint = emulator.endpoint;
    }
    if (options.target === 'local') await deployScenarios(roster.entries, endpoint!, region, setupFailures, say);
  } catch (error) {
    await close();
    throw error;
  }
  return { options, roster, grading, timeZone, region, endpoint, setupFailures, say, close };
}

/** One grading of the whole class: every student collected (a bounded number at a time), checked in one run, scored and rendered. */
export async function gradeRound(prepared: PreparedClass, hooks: RoundHooks = {}): Promise<RoundResult> {
  const { options, roster, grading, timeZone, region, endpoint, setupFailures } = prepared;
  const say = hooks.quiet ? () => {} : prepared.say;
  // Loading vitest overlaps with collecting (free when prepareClass already started it).
  void warmUpCheckSuites();
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
    previousReport: hooks.previousReport ?? ((entry) => previousReportOf(options, entry)),
    // Per student, a bounded number at a time: reach the account and collect the inventory
    // (the slow, I/O-bound part). Then the checks of the whole class run in ONE vitest run.
    verify: async (entry): Promise<CheckSuiteInput> => {
      const failure = setupFailures.get(entry.student);
      if (failure) throw failure;
      const studentRegion = entry.region ?? region;
      const inventory = await collectInventory(collectOptionsFor(entry, studentRegion, options, endpoint));
      hooks.onInventory?.(entry.student, inventory);
      return {
        inventory,
        target: {
          kind: options.target,
          region: studentRegion,
          accountId: inventory.target.accountId,
          student: entry.student,
          ...(options.target === 'local' ? { emulated: true, scenario: entry.scenario ?? DEFAULT_SCENARIO } : {}),
          ...(endpoint ? { endpoint } : {}),
          // NOT AWS on every report read through an endpoint that is not AWS, as verify stamps it.
          ...(options.target === 'aws' && endpoint ? { stamps: endpointStamps(endpoint) } : {}),
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
  return { files: result.files, classReport: result.classReport, problems, exitCode: problems.length ? 1 : 0, outcomes: result.outcomes };
}

/** The options grade refuses together, as verify does. */
function validate(options: GradeOptions): void {
  if (options.target === 'local' && (options.profile || options.roleArn)) {
    throw new UsageError({
      ko: '--target local 은 명단의 각 학생을 에뮬레이터 계정에 배포하고 그 역할로 접근합니다: --profile, --role-arn 을 빼거나, --target aws 에 --endpoint 를 쓰세요.',
      en: '--target local deploys every roster row in an emulated account and reaches it by its role: drop --profile and --role-arn, or use --target aws with --endpoint.',
    });
  }
  if (options.externalId && !options.roleArn) {
    throw new UsageError({ ko: '--external-id 는 --role-arn 과 함께 씁니다.', en: '--external-id goes with --role-arn.' });
  }
}

/**
 * How one student is reached: the roster row's own profile / role first; a row without them
 * starts from the command's account options (--profile, --role-arn), as verify would.
 */
export function collectOptionsFor(entry: RosterEntry, region: string, options: Pick<GradeOptions, 'target' | 'profile' | 'roleArn' | 'externalId'>, endpoint?: string): CollectOptions {
  const ownAccount = Boolean(entry.profile || entry.roleArn);
  // A row's own role is assumed from the row's profile, else from the instructor's --profile.
  const profile = entry.profile ?? options.profile;
  const role = ownAccount ? { roleArn: entry.roleArn, externalId: entry.externalId } : { roleArn: options.roleArn, externalId: options.externalId };
  return {
    student: entry.student,
    region,
    ...(endpoint ? { endpoint } : {}),
    // On the emulator, a roster row without a profile starts from the emulator's credentials,
    // as an instructor starts from their own.
    ...(options.target === 'local' && !entry.profile ? { credentials: emulatorCredentials() } : {}),
    ...(profile ? { profile } : {}),
    ...(role.roleArn ? { roleArn: role.roleArn } : {}),
    ...(role.externalId ? { externalId: role.externalId } : {}),
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

/** The text of the student's report.json in --out, if there is one (their history). */
export function previousReportOf(options: Pick<GradeOptions, 'out'>, entry: RosterEntry): string | undefined {
  return readIfExists(path.join(options.out ?? DEFAULT_OUT_DIR, entry.student, 'report.json'));
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

