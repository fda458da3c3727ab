import type { Command } from 'commander';
import { DEFAULT_OUT_DIR } from '../../commands/defaults';
import type { DrillProgress } from '../../commands/drill';
import type { DrillAndReportOptions } from '../../commands/drill-report';
import { DRILL_KINDS, type DrillResult } from '../../contract/report';
import { criterionOf, drillNotes } from '../../contract/drill-text';
import { writeFilesAtomically } from '../files';
import { option, optionsFor, withOptions } from '../options/define';
import { accountOptions, deploymentOptions, gradingOptions, reportOptions } from '../options/groups';
import { checkedBy, flag, flagMeaning, mapped, number, oneOf, text } from '../options/values';
import { UsageError } from '../../contract/errors';

const seconds = (range: { min: number; max: number }) => mapped(number(range), (n) => n * 1000);

/** --restore-time: an ISO 8601 moment with its zone, as epoch ms. */
function restoreTime(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new UsageError({ ko: `--restore-time은 시간대가 있는 ISO 8601 시각이어야 합니다(예: 2026-12-08T01:30:00Z). "${value}"는 아닙니다.`, en: `--restore-time must be an ISO 8601 moment with its zone (e.g. 2026-12-08T01:30:00Z), not "${value}".` });
  }
  return ms;
}

const DRILL_OPTIONS = optionsFor<DrillAndReportOptions & { quiet?: boolean }>()({
  yes: option('--yes', 'really run the drill: it changes the deployment (failover, termination, load)', flag()),
  target: option('--target <aws|local>', 'aws (a deployment, or --endpoint) or local (the rehearsal on 127.0.0.1)', oneOf(['aws', 'local']), { default: 'aws' }),
  ...accountOptions,
  ...deploymentOptions,
  fromSnapshot: option('--from-snapshot <file>', 'take the deployment from a saved inventory (verify --snapshot-out)', text()),
  deployment: {
    appUrl: option('--url <url>', "the shop's address (default: the ALB found by discovery)", text()),
    autoScalingGroupName: option('--asg <name>', 'the Auto Scaling group', text()),
    targetGroupArn: option('--target-group <arn>', "the ALB's target group", text()),
    dbInstanceIdentifier: option('--db-instance <id>', 'the RDS DB instance', text()),
    replicationGroupId: option('--replication-group <id>', 'the ElastiCache replication group', text()),
    dbSecretArn: option('--db-secret <arn>', "restore: the Secrets Manager secret of the application's database user (default: the instance's RDS-managed secret)", text()),
  },
  options: {
    durationMs: option('--duration <seconds>', 'hard cap on the whole drill (max 1800)', seconds({ min: 1, max: 1800 })),
    rate: option('--rate <n>', 'scale-out: offered load in requests per second (max 1000)', number({ min: 1, max: 1000 })),
    probeIntervalMs: option('--probe-interval <ms>', 'time between probes (10 to 60000 ms)', number({ min: 10, max: 60_000 })),
    limitMs: option('--limit <seconds>', "the drill's limit: scale-out deadline, write gap, error window (max 1800)", seconds({ min: 1, max: 1800 })),
    probeTimeoutMs: option('--timeout <ms>', 'per-request timeout (max 10000)', number({ min: 50, max: 10_000 })),
    maxErrorRate: option('--max-error-rate <percent>', 'redis-failover: failed reads allowed (default 1)', mapped(number({ min: 0, max: 100 }), (percent) => percent / 100)),
    baselineMs: option('--baseline <seconds>', 'traffic before the fault, to see the normal state (default 10; local 2)', seconds({ min: 0, max: 300 })),
    settleMs: option('--settle <seconds>', 'error-free traffic required after recovery before the drill ends (default 10; local 2)', seconds({ min: 0, max: 300 })),
    observeMs: option(
      '--observe <seconds>',
      'how long to keep watching AWS report the failover or the replacement (status, AZs, events), apart from the limits (default 600; local 60)',
      seconds({ min: 1, max: 1800 }),
    ),
    restoreFrom: option('--from <source>', 'restore: point-in-time (default: the latest restorable time), snapshot (the newest DB snapshot) or recovery-point (the newest AWS Backup recovery point)', oneOf(['point-in-time', 'snapshot', 'recovery-point'])),
    restoreTimeMs: option('--restore-time <iso>', 'restore --from point-in-time: restore to this moment (ISO 8601, e.g. 2026-12-08T01:30:00Z) instead of the latest restorable time', checkedBy(restoreTime)),
    rpoLimitMs: option('--rpo-limit <seconds>', 'restore: the data a restore may lose (default 300 for point in time, 86400 for a snapshot or recovery point)', seconds({ min: 1, max: 7 * 86_400 })),
  },
  local: {
    instances: option('--instances <n>', 'local: API processes at the start (default 2)', number({ min: 2, max: 8 })),
    synchronous: option('--async-standby', 'local: replicate asynchronously (RDS Multi-AZ is synchronous)', flagMeaning(false)),
    replicationLagMs: option(
      '--replication-lag <seconds>',
      'local rds-failover: stall replication this long before the failover; with --async-standby the drill catches the lost writes',
      seconds({ min: 0, max: 60 }),
    ),
  },
  importK6: option('--import-k6 <file>', 'import a k6 summary (load/k6/ scripts) as the drill result instead of running a drill', text()),
  ...reportOptions({ description: 'where drill-<kind>.json goes; the drill also joins <dir>/report.json of the same student', default: DEFAULT_OUT_DIR }),
  ...gradingOptions,
  quiet: option('--quiet', 'no live progress', flag()),
});

const PHASES_KO: Record<string, string> = {
  start: '시작',
  preconditions: '사전 점검',
  baseline: '기준 측정',
  failover: '페일오버',
  loss: '인스턴스 손실',
  load: '부하',
  recovery: '회복 관찰',
  restore: '복원 요청',
  cleanup: '정리',
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
    const { name, actual, expected } = criterionOf(lang, c);
    lines.push(`  ${c.pass ? 'ok  ' : 'FAIL'} ${name}: ${actual} (${ko ? '기대' : 'expected'} ${expected})`);
  }
  for (const note of drillNotes(result)) lines.push(`  ${ko ? '참고' : 'note'}: ${note[lang]}`);
  if (file) lines.push(`  ${ko ? '결과' : 'result'}: ${file}`);
  return lines.join('\n') + '\n';
}

export function registerDrill(program: Command): void {
  const command = program
    .command('drill')
    .description(`mutating drills that measure what users see (${DRILL_KINDS.join(', ')}); refuse to start without --yes; --target local runs the local rehearsal`)
    .argument('[kind]', DRILL_KINDS.join(' | '));
  withOptions(command, DRILL_OPTIONS, async ({ quiet, ...options }, [kindArg]) => {
    const { parseDrillKind } = await import('../../commands/drill');
    const { drillAndReport } = await import('../../commands/drill-report');
    const kind = parseDrillKind(kindArg);

    const controller = new AbortController();
    let interrupts = 0;
    const onInterrupt = (): void => {
      interrupts += 1;
      if (interrupts > 1) process.exit(130);
      process.stderr.write(
        options.lang === 'ko'
          ? '\ncloudmart: 드릴과 부하를 멈추고 정리합니다(한 번 더 누르면 바로 끝냅니다)...\n'
          : '\ncloudmart: stopping the drill and its load, cleaning up (Ctrl-C again to quit at once)...\n',
      );
      controller.abort();
    };
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onInterrupt);
    try {
      const { drill: result, files, note } = await drillAndReport({
        ...options,
        ...(kind ? { kind } : {}),
        signal: controller.signal,
        ...(quiet ? {} : { onProgress: (p: DrillProgress) => process.stderr.write(progressLine(p, options.lang)) }),
        onMessage: (message) => process.stderr.write(`  ${message}\n`),
      });
      writeFilesAtomically(files);
      process.stdout.write(verdictText(result, files[0]!.path, options.lang));
      process.stdout.write(`${note}\n`);
      return result.status === 'pass' ? 0 : 1;
    } finally {
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', onInterrupt);
    }
  });
}
