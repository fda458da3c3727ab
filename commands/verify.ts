// `verify`: collect one deployment's inventory (from AWS, from the local emulator with a
// scenario, or from a saved snapshot), run the live check suites on it, score the run with
// the rubric and waivers, and render the report. Returns the files; the CLI writes them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../contract/errors';
import type { Bilingual, CheckRun, Report, Stamp, Target } from '../contract/report';
import { assertRegionName } from '../checks/aws/region';
import type { AccountSelection } from '../checks/aws/session';
import { collectInventory } from '../checks/collect';
import { loadSnapshot, saveSnapshot } from '../checks/inventory/snapshot';
import type { Inventory } from '../contract/inventory';
import { releaseCheckSuites, runCheckSuites, warmUpCheckSuites } from '../checks/run-check-suites';
import { assertTimeZone, DEFAULT_TIME_ZONE, renderConsoleSummary, renderReportFiles, scoreRun, type Lang, type ReportFormat } from '../reports/index';
import { loadGradingInputs, type GradingInputOptions } from './grading-inputs';

/** For the CLI: --format parsing belongs to the renderers. */
export { parseFormats } from '../reports/index';

export { DEFAULT_OUT_DIR, DEFAULT_REGION } from './defaults';
import { DEFAULT_LOCAL_STUDENT, DEFAULT_OUT_DIR, DEFAULT_REGION, DEFAULT_SCENARIO } from './defaults';

export interface VerifyOptions extends GradingInputOptions, AccountSelection {
  target: 'aws' | 'local';
  student?: string;
  stackPrefix?: string;
  /** `--target local` only: which emulated deployment to create (default reference). */
  scenario?: string;
  out?: string;
  formats: readonly ReportFormat[];
  lang: Lang;
  /** IANA zone the report's times are shown in (default Asia/Seoul). */
  timeZone?: string;
  snapshotOut?: string;
  fromSnapshot?: string;
  minScore?: number;
  /** The student's CloudFormation template (JSON or YAML): its cdk-nag findings join the report. */
  template?: string;
  /** Per-suite progress and phase lines; false for none. */
  progress?: NodeJS.WritableStream | false;
  color?: boolean;
}

export interface VerifyResult {
  report: Report;
  files: { path: string; content: string }[];
  /** 0: every scored check passed (or the score reached --min-score); 1 otherwise. */
  exitCode: 0 | 1;
  /** The score table for the end of the console output. */
  summary: string;
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const region = options.region ?? DEFAULT_REGION;
  validate(options);
  const timeZone = assertTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  // Before anything starts: --target local would otherwise start the emulator and fail inside it.
  assertRegionName(region);
  // Configuration errors (rubric, waivers, a template that is not one) surface before any AWS call.
  const grading = loadGradingInputs(options);
  // The CDK and cdk-nag load only when a template is given, the emulator only for --target local.
  const nag = options.template ? (await import('../stacks/nag/template')).nagTemplateFile(options.template) : undefined;
  if (options.target === 'local') (await import('../sandbox/scenarios/index')).assertScenarioName(options.scenario ?? DEFAULT_SCENARIO);
  // Phase lines in the command's language (the report's language).
  const say = (message: Bilingual) => {
    if (options.progress !== false) (options.progress ?? process.stdout).write(`· ${message[options.lang]}\n`);
  };
  // Loading vitest overlaps with collecting the inventory.
  void warmUpCheckSuites();

  let obtained: Awaited<ReturnType<typeof obtainInventory>>;
  try {
    obtained = await obtainInventory(options, region, say);
  } catch (error) {
    await releaseCheckSuites();
    throw error;
  }
  const { inventory, target } = obtained;
  const checked: CheckRun = await runCheckSuites({ inventory, target, progress: options.progress ?? process.stdout, lang: options.lang });
  const run: CheckRun = nag ? { ...checked, nag: { template: nag.template, findings: nag.findings } } : checked;
  const report = scoreRun(run, { rubric: grading.rubric, ...(grading.waivers ? { waivers: grading.waivers } : {}) });

  const out = options.out ?? DEFAULT_OUT_DIR;
  const files = renderReportFiles(report, { dir: out, formats: options.formats, lang: options.lang, timeZone });
  if (options.snapshotOut) files.push({ path: options.snapshotOut, content: saveSnapshot(inventory) });

  return {
    report,
    files,
    exitCode: passed(report, options.minScore) ? 0 : 1,
    summary: renderConsoleSummary(report, { lang: options.lang, color: options.color ?? false, timeZone }),
  };
}

function validate(options: VerifyOptions): void {
  if (options.fromSnapshot && options.target === 'local') {
    throw new UsageError({
      ko: '--from-snapshot 은 저장된 인벤토리를 오프라인으로 채점합니다. --target local 과 함께 쓸 수 없습니다.',
      en: '--from-snapshot grades a saved inventory offline; it cannot be combined with --target local.',
    });
  }
  if (options.scenario && options.target !== 'local') {
    throw new UsageError({
      ko: '--scenario 는 --target local 에서만 씁니다(에뮬레이터에 만들 배포의 이름입니다).',
      en: '--scenario only applies to --target local (it names the emulated deployment to create).',
    });
  }
  if (options.target === 'local' && (options.endpoint || options.profile || options.roleArn)) {
    throw new UsageError({
      ko: '--target local 은 자체 에뮬레이터를 시작합니다: --endpoint, --profile, --role-arn 을 빼거나, --target aws 에 --endpoint 를 쓰세요.',
      en: '--target local starts its own emulator: drop --endpoint, --profile and --role-arn, or use --target aws with --endpoint.',
    });
  }
  if (options.target === 'aws' && !options.fromSnapshot && !options.student) {
    throw new UsageError({ ko: '누구의 배포를 검사할지 --student ID 로 알려 주세요(스택 이름은 CloudMart-<ID>-... 입니다).', en: 'Say whose deployment to verify: --student ID (the stacks are named CloudMart-<ID>-...).' });
  }
  if (options.minScore !== undefined && !(options.minScore >= 0 && options.minScore <= 100)) {
    throw new UsageError({
      ko: `--min-score 는 0부터 100까지의 수여야 합니다(받은 값: ${options.minScore}).`,
      en: `--min-score must be a number from 0 to 100, not ${options.minScore}.`,
    });
  }
}

async function obtainInventory(
  options: VerifyOptions,
  region: string,
  say: (message: Bilingual) => void,
): Promise<{ inventory: Inventory; target: Target }> {
  if (options.fromSnapshot) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(options.fromSnapshot);
    } catch (error) {
      throw new UsageError({ ko: `스냅숏 ${options.fromSnapshot} 을(를) 읽을 수 없습니다: ${(error as Error).message}.`, en: `Cannot read the snapshot ${options.fromSnapshot}: ${(error as Error).message}.` }, { cause: error });
    }
    const file = path.basename(options.fromSnapshot);
    const inventory = loadSnapshot(bytes.toString('utf8'), file);
    say({
      ko: `저장된 ${inventory.target.student}의 인벤토리(${inventory.collectedAt})를 오프라인으로 채점합니다`,
      en: `grading the saved inventory of ${inventory.target.student} (${inventory.collectedAt}) offline`,
    });
    // Anyone can edit a snapshot: the report names the exact file it was graded from.
    const stamps: Stamp[] = [
      { kind: 'snapshot', file, sha256: createHash('sha256').update(bytes).digest('hex'), collectedAt: inventory.collectedAt },
      ...endpointStamps(inventory.target.endpoint),
    ];
    return {
      inventory,
      target: {
        kind: 'aws',
        region: inventory.target.region,
        accountId: inventory.target.accountId,
        student: inventory.target.student,
        ...(inventory.target.endpoint ? { endpoint: inventory.target.endpoint } : {}),
        stamps,
      },
    };
  }

  if (options.target === 'local') {
    const { withLocalDeployment } = await import('./local-deployment');
    return withLocalDeployment(
      { scenario: options.scenario, student: options.student ?? DEFAULT_LOCAL_STUDENT, region, onProgress: say },
      async (local) => {
        say({ ko: '인벤토리를 수집합니다', en: 'collecting the inventory' });
        const inventory = await collectInventory({
          student: local.student,
          region,
          endpoint: local.endpoint,
          credentials: local.credentials,
          ...(options.stackPrefix ? { stackPrefix: options.stackPrefix } : {}),
        });
        return {
          inventory,
          target: {
            kind: 'local',
            region,
            accountId: inventory.target.accountId,
            student: local.student,
            emulated: true,
            endpoint: local.endpoint,
            scenario: local.scenario,
          },
        };
      },
    );
  }

  say({
    ko: `${region}에서 ${options.student}의 인벤토리를 수집합니다${options.endpoint ? `(엔드포인트 ${options.endpoint})` : ''}`,
    en: `collecting the inventory of ${options.student} in ${region}${options.endpoint ? ` at ${options.endpoint}` : ''}`,
  });
  const inventory = await collectInventory({
    student: options.student!,
    region,
    ...(options.stackPrefix ? { stackPrefix: options.stackPrefix } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
  });
  return {
    inventory,
    target: {
      kind: 'aws',
      region,
      accountId: inventory.target.accountId,
      student: options.student!,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(endpointStamps(options.endpoint).length ? { stamps: endpointStamps(options.endpoint) } : {}),
    },
  };
}

/**
 * An AWS service endpoint: `<service>.<region>.amazonaws.com` (`.amazonaws.com.cn` in China),
 * dual-stack `<service>.<region>.api.aws` (https://docs.aws.amazon.com/general/latest/gr/rande.html).
 * Anything else given with --endpoint (an emulator, a proxy) is not AWS.
 */
export function isAwsEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  return /\.amazonaws\.com(\.cn)?$/.test(host) || host.endsWith('.api.aws');
}

/** The stamp of a report made against an endpoint that is not AWS. */
export function endpointStamps(endpoint: string | undefined): Stamp[] {
  return endpoint && !isAwsEndpoint(endpoint) ? [{ kind: 'endpoint', endpoint }] : [];
}

/** Exit 0 when every scored check passed, or when the score reached --min-score. */
export function passed(report: Report, minScore?: number): boolean {
  if (minScore !== undefined) return report.score.percent >= minScore;
  // A blocked check costs its points: it is not a pass (nor is an older report's n/a scored as failed).
  return report.checks.every((c) => c.status === 'pass' || (c.status === 'not-applicable' && !c.scoredAs) || c.status === 'waived');
}
