import type { Command } from 'commander';
import { UsageError } from '../../contract/errors';
import { DRILL_KINDS, type DrillResult } from '../../contract/report';
import type { DrillProgress } from '../../commands/drill';
import { writeFilesAtomically } from '../files';
import { runAction } from '../run-command';
import { DEFAULT_REGION, DEFAULT_OUT_DIR } from '../../commands/defaults';
import { assertTimeZone } from '../../reports/render/time';
import { timeZoneOption } from '../time-zone';

interface DrillFlags {
  yes?: boolean;
  target: string;
  region?: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  endpoint?: string;
  student?: string;
  stackPrefix?: string;
  fromSnapshot?: string;
  url?: string;
  asg?: string;
  targetGroup?: string;
  dbInstance?: string;
  replicationGroup?: string;
  duration?: string;
  rate?: string;
  probeInterval?: string;
  limit?: string;
  timeout?: string;
  maxErrorRate?: string;
  baseline?: string;
  settle?: string;
  observe?: string;
  instances?: string;
  asyncStandby?: boolean;
  replicationLag?: string;
  importK6?: string;
  out: string;
  lang: string;
  timeZone: string;
  format?: string;
  rubric?: string;
  waivers?: string;
  waiverKey?: string;
  quiet?: boolean;
}

function number(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError({ ko: `${flag} 은(는) ${min}부터 ${max}까지의 숫자여야 합니다("${value}"을(를) 받음).`, en: `${flag} must be a number from ${min} to ${max} (got "${value}").` });
  return n;
}

const PHASES_KO: Record<string, string> = {
  start: '시작',
  preconditions: '사전 점검',
  baseline: '기준 측정',
  failover: '페일오버',
  loss: '인스턴스 손실',
  load: '부하',
  recovery: '회복 관찰',
  stop: '중지',
  verify: '검증',
  done: '완료',
};

export function progressLine(p: DrillProgress, lang: 'ko' | 'en' = 'en'): string {
  const errors = Object.entries(p.errors)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const phase = lang === 'ko' ? (PHASES_KO[p.phase] ?? p.phase) : p.phase;
  const words = lang === 'ko' ? { s: '초', ok: '성공', errors: '오류' } : { s: 's', ok: 'ok', errors: 'errors' };
  const awaiting = p.awaiting ? `  | ${p.awaiting[lang]}` : '';
  return `[${p.kind}] ${String(p.t).padStart(4)} ${words.s}  ${phase.padEnd(13)} ${String(p.sent).padStart(4)} req/s  ${words.ok} ${String(p.ok).padStart(4)}  ${words.errors} ${errors || '0'}${p.state ? `  | ${p.state[lang]}` : ''}${awaiting}\n`;
}

export function verdictText(result: DrillResult, file: string | undefined, lang: 'ko' | 'en'): string {
  const ko = lang === 'ko';
  const mark = result.status === 'pass' ? 'PASS' : result.status === 'fail' ? 'FAIL' : 'ERROR';
  const simulated = result.simulated ? (ko ? ' (로컬 리허설, 시뮬레이션)' : ' (local rehearsal, simulated)') : '';
  const imported = result.source === 'k6' ? (ko ? ' (k6에서 가져옴)' : ' (imported from k6)') : '';
  const lines = [`${result.id} ${mark}${simulated}${imported}`, `  ${result.verdict.summary[lang]}`];
  for (const c of result.verdict.criteria) {
    const [name, actual, expected] = ko ? [c.nameKo ?? c.name, c.actualKo ?? c.actual, c.expectedKo ?? c.expected] : [c.name, c.actual, c.expected];
    lines.push(`  ${c.pass ? 'ok  ' : 'FAIL'} ${name}: ${actual} (${ko ? '기대' : 'expected'} ${expected})`);
  }
  const notes = ko && result.notesKo?.length === result.notes.length ? result.notesKo : result.notes;
  for (const note of notes) lines.push(`  ${ko ? '참고' : 'note'}: ${note}`);
  if (file) lines.push(`  ${ko ? '결과' : 'result'}: ${file}`);
  return lines.join('\n') + '\n';
}

export function registerDrill(program: Command): void {
  program
    .command('drill')
    .description(`mutating drills that measure what users see (${DRILL_KINDS.join(', ')}); refuse to start without --yes; --target local runs the local rehearsal`)
    .argument('[kind]', DRILL_KINDS.join(' | '))
    .option('--yes', 'really run the drill: it changes the deployment (failover, termination, load)')
    .option('--target <target>', 'aws (a deployment, or --endpoint) or local (the rehearsal on 127.0.0.1)', 'aws')
    .option('--region <region>', 'AWS region', DEFAULT_REGION)
    .option('--profile <name>', 'AWS profile (SSO profiles included)')
    .option('--role-arn <arn>', 'assume this role first')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--endpoint <url>', 'any AWS-compatible endpoint (e.g. the local emulator)')
    .option('--student <id>', "find the student's deployment by discovery")
    .option('--stack-prefix <prefix>', 'stack name prefix (default: CloudMart-<student>-)')
    .option('--from-snapshot <file>', 'take the deployment from a saved inventory (verify --snapshot-out)')
    .option('--url <url>', "the shop's address (default: the ALB found by discovery)")
    .option('--asg <name>', 'the Auto Scaling group')
    .option('--target-group <arn>', "the ALB's target group")
    .option('--db-instance <id>', 'the RDS DB instance')
    .option('--replication-group <id>', 'the ElastiCache replication group')
    .option('--duration <seconds>', 'hard cap on the whole drill (max 1800)')
    .option('--rate <n>', 'scale-out: offered load in requests per second (max 1000)')
    .option('--probe-interval <ms>', 'time between probes (10 to 60000 ms)')
    .option('--limit <seconds>', "the drill's limit: scale-out deadline, write gap, error window (max 1800)")
    .option('--timeout <ms>', 'per-request timeout (max 10000)')
    .option('--max-error-rate <percent>', 'redis-failover: failed reads allowed (default 1)')
    .option('--baseline <seconds>', 'traffic before the fault, to see the normal state (default 10; local 2)')
    .option('--settle <seconds>', 'error-free traffic required after recovery before the drill ends (default 10; local 2)')
    .option('--observe <seconds>', 'how long to keep watching AWS report the failover or the replacement (status, AZs, events), apart from the limits (default 600; local 60)')
    .option('--instances <n>', 'local: API processes at the start (default 2)')
    .option('--async-standby', 'local: replicate asynchronously (RDS Multi-AZ is synchronous)')
    .option('--replication-lag <seconds>', 'local rds-failover: stall replication this long before the failover; with --async-standby the drill catches the lost writes')
    .option('--import-k6 <file>', 'import a k6 summary (load/k6/ scripts) as the drill result instead of running a drill')
    .option('--out <dir>', 'where drill-<kind>.json goes; the drill also joins <dir>/report.json of the same student', DEFAULT_OUT_DIR)
    .option('--format <list>', 'report formats rendered again: md,html,json,junit,csv (default all)')
    .option('--rubric <file>', 'rubric file (default reports/rubric/default.yaml)')
    .option('--waivers <file>', 'instructor-signed waiver file')
    .option('--waiver-key <file>', "the instructor's public key for --waivers")
    .option('--lang <lang>', 'ko or en', 'ko')
    .addOption(timeZoneOption())
    .option('--quiet', 'no live progress')
    .action((kindArg: string | undefined, flags: DrillFlags) =>
      runAction(async () => {
        const { parseDrillKind } = await import('../../commands/drill');
        const { drillAndReport } = await import('../../commands/drill-report');
        const { parseFormats } = await import('../../commands/verify');
        const kind = parseDrillKind(kindArg);
        if (flags.target !== 'aws' && flags.target !== 'local') throw new UsageError({ ko: `--target 은 aws 또는 local 이어야 합니다("${flags.target}"을(를) 받음).`, en: `--target must be aws or local (got "${flags.target}").` });
        if (flags.lang !== 'ko' && flags.lang !== 'en') throw new UsageError({ ko: `--lang 은 ko 또는 en 이어야 합니다("${flags.lang}"을(를) 받음).`, en: `--lang must be ko or en (got "${flags.lang}").` });
        // Before the drill: a mistyped zone must not cost a failover.
        const timeZone = assertTimeZone(flags.timeZone);
        const seconds = (flag: string, value: string | undefined) => {
          const n = number(flag, value, 1, 1800);
          return n === undefined ? undefined : n * 1000;
        };
        const options = {
          ...(flags.duration ? { durationMs: seconds('--duration', flags.duration)! } : {}),
          ...(flags.limit ? { limitMs: seconds('--limit', flags.limit)! } : {}),
          ...(flags.rate ? { rate: number('--rate', flags.rate, 1, 1000)! } : {}),
          ...(flags.probeInterval ? { probeIntervalMs: number('--probe-interval', flags.probeInterval, 10, 60_000)! } : {}),
          ...(flags.timeout ? { probeTimeoutMs: number('--timeout', flags.timeout, 50, 10_000)! } : {}),
          ...(flags.maxErrorRate ? { maxErrorRate: number('--max-error-rate', flags.maxErrorRate, 0, 100)! / 100 } : {}),
          ...(flags.baseline ? { baselineMs: number('--baseline', flags.baseline, 0, 300)! * 1000 } : {}),
          ...(flags.settle ? { settleMs: number('--settle', flags.settle, 0, 300)! * 1000 } : {}),
          ...(flags.observe ? { observeMs: seconds('--observe', flags.observe)! } : {}),
        };
        const instances = number('--instances', flags.instances, 2, 8);

        const controller = new AbortController();
        let interrupts = 0;
        const onInterrupt = (): void => {
          interrupts += 1;
          if (interrupts > 1) process.exit(130);
          process.stderr.write('\ncloudmart: stopping the drill and its load, cleaning up (Ctrl-C again to quit at once)...\n');
          controller.abort();
        };
        process.on('SIGINT', onInterrupt);
        process.on('SIGTERM', onInterrupt);
        try {
          const { drill: result, files, note } = await drillAndReport({
            out: flags.out,
            lang: flags.lang,
            timeZone,
            formats: parseFormats(flags.format),
            ...(flags.rubric ? { rubricPath: flags.rubric } : {}),
            ...(flags.waivers ? { waiversPath: flags.waivers } : {}),
            ...(flags.waiverKey ? { waiverKeyPath: flags.waiverKey } : {}),
            ...(kind ? { kind } : {}),
            yes: flags.yes ?? false,
            target: flags.target,
            ...(flags.importK6 ? { importK6: flags.importK6 } : {}),
            region: flags.region ?? DEFAULT_REGION,
            ...(flags.profile ? { profile: flags.profile } : {}),
            ...(flags.roleArn ? { roleArn: flags.roleArn } : {}),
            ...(flags.externalId ? { externalId: flags.externalId } : {}),
            ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
            ...(flags.student ? { student: flags.student } : {}),
            ...(flags.stackPrefix ? { stackPrefix: flags.stackPrefix } : {}),
            ...(flags.fromSnapshot ? { fromSnapshot: flags.fromSnapshot } : {}),
            deployment: {
              ...(flags.url ? { appUrl: flags.url } : {}),
              ...(flags.asg ? { autoScalingGroupName: flags.asg } : {}),
              ...(flags.targetGroup ? { targetGroupArn: flags.targetGroup } : {}),
              ...(flags.dbInstance ? { dbInstanceIdentifier: flags.dbInstance } : {}),
              ...(flags.replicationGroup ? { replicationGroupId: flags.replicationGroup } : {}),
            },
            options,
            local: {
              ...(instances !== undefined ? { instances } : {}),
              ...(flags.asyncStandby ? { synchronous: false } : {}),
              ...(flags.replicationLag ? { replicationLagMs: number('--replication-lag', flags.replicationLag, 0, 60)! * 1000 } : {}),
            },
            signal: controller.signal,
            ...(flags.quiet ? {} : { onProgress: (p: DrillProgress) => process.stderr.write(progressLine(p, flags.lang as 'ko' | 'en')) }),
            onMessage: (message) => process.stderr.write(`  ${message}\n`),
          });
          writeFilesAtomically(files);
          process.stdout.write(verdictText(result, files[0]!.path, flags.lang));
          process.stdout.write(`${note}\n`);
          return result.status === 'pass' ? 0 : 1;
        } finally {
          process.removeListener('SIGINT', onInterrupt);
          process.removeListener('SIGTERM', onInterrupt);
        }
      }),
    );
}
