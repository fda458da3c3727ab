// `drill`: runs one failover or load drill against a deployment (AWS, or the local
// rehearsal) or imports a k6 summary, and returns the DrillResult. The CLI writes it
// (reports/out/drill-<kind>.json) and prints the verdict; this function writes nothing.
//
// - Drills mutate the deployment: without `yes` they refuse to start (UsageError, exit 2).
// - `target: 'aws'` finds the deployment through discovery (collectWithSession) or takes
//   it from explicit options, then acts only on those resources.
// - `target: 'local'` starts the rehearsal (PostgreSQL primary + synchronous standby,
//   Redis primary + replica, CloudMart API processes behind a local balancer), runs the
//   drill and tears everything down, also on Ctrl-C (the signal) and on errors.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sessionFor, type AccountSelection } from '../checks/aws/session';
import { DEFAULT_REGION } from '../checks/aws/region';
import { collectWithSession } from '../checks/collect';
import type { Inventory } from '../contract/inventory';
import { ExitCode, HarnessError, UsageError } from '../contract/errors';
import { DRILL_KINDS, type Bilingual, type DrillKind, type DrillResult } from '../contract/report';
import { drillOptions, runDrill, type DrillOptionInput } from '../load/drills/index';
import type { DrillProgress } from '../load/drills/drill-runner';

export type { DrillProgress } from '../load/drills/drill-runner';
import { importK6Summary } from '../load/k6-import';
import { workloadLauncher } from '../load/local/api-process';
import { RehearsalInterrupted, startRehearsal } from '../load/local/rehearsal';
import { sandboxRehearsalServers, trackedServers } from '../load/local/rehearsal-servers';
import { archivingServers, WalArchive } from '../load/local/pitr';
import { localRestoreActions, type LocalRestoreActions } from '../load/targets/local-restore';
import { awsDrillTarget, readDrillToken } from '../load/targets/aws';
import { resolveEntries } from '../load/resolve';
import { fromInventory, requireParts, type DrillDeployment } from '../load/targets/deployment';

export interface DrillCommandOptions extends AccountSelection {
  /** The drill to run (optional with importK6 when the summary says which it is). */
  kind?: DrillKind;
  /** The user confirmed that the drill may change the deployment. */
  yes?: boolean;
  target?: 'aws' | 'local';
  /** Import a k6 summary file instead of running a drill. */
  importK6?: string;

  // --- AWS: which deployment (the account options come from AccountSelection)
  student?: string;
  stackPrefix?: string;
  /** A saved inventory (verify --snapshot-out) instead of discovery. */
  fromSnapshot?: string;
  /** Explicit parts of the deployment; they win over discovery. */
  deployment?: Partial<Omit<DrillDeployment, 'region'>>;

  // --- the drill
  options?: DrillOptionInput;
  /**
   * Local rehearsal: API processes at the start, synchronous standby (default true), and
   * replication lag injected before an rds-failover (ms the replication link stalls).
   */
  local?: { instances?: number; synchronous?: boolean; targetRequestsPerSecond?: number; replicationLagMs?: number };

  /** Sentences the result carries besides the drill's own (what stood in for AWS, where the traffic went), both languages. */
  notes?: Bilingual[];

  signal?: AbortSignal;
  onProgress?: (progress: DrillProgress) => void;
  /** The language of the onMessage lines (default en). */
  lang?: 'ko' | 'en';
  /** One-line messages while the drill sets up (discovery, rehearsal start). */
  onMessage?: (message: string) => void;
}

export function parseDrillKind(value: string | undefined): DrillKind | undefined {
  if (value === undefined) return undefined;
  if (!(DRILL_KINDS as readonly string[]).includes(value)) {
    throw new UsageError({ ko: `알 수 없는 드릴 "${value}"입니다. ${DRILL_KINDS.join(', ')} 중 하나를 고르세요.`, en: `Unknown drill "${value}"; choose one of ${DRILL_KINDS.join(', ')}.` });
  }
  return value as DrillKind;
}

const WHAT_IT_CHANGES: Record<DrillKind, Bilingual> = {
  'scale-out': { ko: 'Auto Scaling 그룹이 확장될 때까지 애플리케이션에 부하를 줍니다', en: 'puts load on the application until the Auto Scaling group scales out' },
  'rds-failover': { ko: 'RDS DB 인스턴스를 강제로 페일오버합니다(RebootDBInstance ForceFailover)', en: 'forces a failover of the RDS DB instance (RebootDBInstance with ForceFailover)' },
  'redis-failover': { ko: 'ElastiCache 복제 그룹의 페일오버를 테스트합니다(TestFailover)', en: 'tests a failover of the ElastiCache replication group (TestFailover)' },
  'instance-loss': { ko: 'Auto Scaling 그룹의 인스턴스 한 대를 종료합니다', en: 'terminates one instance of the Auto Scaling group' },
  restore: { ko: 'DB를 임시 인스턴스로 복원하고(비용이 듭니다) 끝나면 삭제합니다', en: 'restores the database into a temporary instance (which costs money) and deletes it afterwards' },
};

export async function drillCommand(options: DrillCommandOptions): Promise<DrillResult> {
  if (options.importK6) return importK6File(options.importK6, options.kind);
  const kind = options.kind;
  if (!kind) throw new UsageError({ ko: `실행할 드릴을 지정하세요: ${DRILL_KINDS.join(', ')}.`, en: `Name the drill to run: ${DRILL_KINDS.join(', ')}.` });
  const target = options.target ?? 'aws';
  if (!options.yes) {
    throw new UsageError({
      ko: `${kind} 드릴은 ${WHAT_IT_CHANGES[kind].ko}${target === 'local' ? '(로컬 리허설에서)' : ''}. 실행하려면 --yes를 붙이세요.`,
      en: `The ${kind} drill ${WHAT_IT_CHANGES[kind].en}${target === 'local' ? ' (on the local rehearsal)' : ''}; add --yes to run it.`,
    });
  }
  const drill = drillOptions(kind, options.options ?? {}, target);
  return target === 'local' ? runLocal(kind, drill, options) : runAws(kind, drill, options);
}

function importK6File(file: string, kind: DrillKind | undefined): DrillResult {
  let text: string;
  let mtime: Date;
  try {
    text = readFileSync(file, 'utf8');
    mtime = statSync(file).mtime;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError({ ko: `k6 요약 파일 ${file}을(를) 읽을 수 없습니다(${why}).`, en: `Cannot read the k6 summary ${file} (${why}).` });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new UsageError({
      ko: `${file}은(는) JSON이 아닙니다. k6 스크립트의 handleSummary()가 쓴 파일(또는 --summary-export)을 지정하세요.`,
      en: `${file} is not JSON; pass the file that the k6 script's handleSummary() wrote (or --summary-export).`,
    });
  }
  return importK6Summary(document, { ...(kind ? { kind } : {}), fileName: path.basename(file), fallbackFinishedAt: mtime });
}

async function runLocal(kind: DrillKind, drill: ReturnType<typeof drillOptions>, options: DrillCommandOptions): Promise<DrillResult> {
  const say = options.onMessage ?? (() => {});
  // The restore drill restores from the primary's WAL archive (a real point-in-time recovery).
  const archive = kind === 'restore' ? WalArchive.create() : undefined;
  const servers = trackedServers(archive ? archivingServers(sandboxRehearsalServers(), archive) : sandboxRehearsalServers());
  const rehearsal = await startRehearsal({
    servers: servers.servers,
    launcher: workloadLauncher(),
    ...(options.local?.instances !== undefined ? { instances: options.local.instances } : {}),
    ...(options.local?.synchronous !== undefined ? { synchronous: options.local.synchronous } : {}),
    ...(options.local?.targetRequestsPerSecond !== undefined ? { targetRequestsPerSecond: options.local.targetRequestsPerSecond } : {}),
    onProgress: (message) => say(`${options.lang === 'ko' ? '리허설' : 'rehearsal'}: ${message[options.lang ?? 'en']}`),
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch(async (error: unknown) => {
    await servers.destroyAll();
    archive?.destroy();
    if (error instanceof RehearsalInterrupted) throw new HarnessError(error.message, ExitCode.checksFailed, { cause: error });
    const why = error instanceof Error ? error.message : String(error);
    throw new HarnessError({ ko: `로컬 리허설을 시작하지 못했습니다: ${why}`, en: `The local rehearsal could not start: ${why}` }, ExitCode.checksFailed, { cause: error });
  });
  // If we are killed outright, the servers (their own process groups) die with us.
  const onExit = (): void => servers.killAllSync();
  process.once('exit', onExit);
  let restore: LocalRestoreActions | undefined;
  try {
    say(options.lang === 'ko' ? `리허설 준비 완료: 상점이 ${rehearsal.target.appUrl}에서 응답합니다` : `rehearsal ready: the shop answers at ${rehearsal.target.appUrl}`);
    let target = rehearsal.target;
    if (archive) {
      const { postgres } = rehearsal;
      restore = localRestoreActions({ source: { id: postgres.id, port: postgres.endpoint.port, password: postgres.password }, archive, onServer: (server) => servers.track(server) });
      target = { ...target, notes: [...target.notes, LOCAL_RESTORE_NOTE], restore };
    }
    const lagMs = options.local?.replicationLagMs ?? 0;
    if (lagMs > 0) {
      // Demonstration of what the drill catches: replication stalls for lagMs before the
      // failover, so (with an asynchronous standby) acknowledged writes never reach it.
      const real = target.database;
      target = {
        ...target,
        notes: [...target.notes, { ko: `페일오버 전에 스탠바이로의 복제를 ${lagMs} ms 동안 멈췄습니다(--replication-lag).`, en: `Replication to the standby was stalled for ${lagMs} ms before the failover (--replication-lag).` }],
        database: {
          ...real,
          async forceFailover() {
            rehearsal.postgres.stallReplication();
            await new Promise((r) => setTimeout(r, lagMs));
            return real.forceFailover();
          },
        },
      };
    }
    return await runDrill(kind, { target, options: drill, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  } finally {
    say(options.lang === 'ko' ? '리허설: API 프로세스, PostgreSQL, Redis를 멈춥니다' : 'rehearsal: stopping the API processes, PostgreSQL and Redis');
    await restore?.dispose();
    if (!restore) archive?.destroy();
    await rehearsal.stop();
    await servers.destroyAll();
    process.removeListener('exit', onExit);
  }
}

const LOCAL_RESTORE_NOTE: Bilingual = {
  ko: '복원은 127.0.0.1에서 실제 PostgreSQL 특정 시점 복구로 했습니다(쓰기 중에 받은 기본 백업에 WAL 아카이브를 복원 지점까지 재생). RTO는 드릴의 동작을 보여 줄 뿐 RDS의 복원 시간을 뜻하지 않습니다.',
  en: 'The restore was a real PostgreSQL point-in-time recovery on 127.0.0.1 (a base backup taken while writing, plus the WAL archive replayed to the restore point); its RTO shows how the drill works, not how long RDS takes.',
};

async function runAws(kind: DrillKind, drill: ReturnType<typeof drillOptions>, options: DrillCommandOptions): Promise<DrillResult> {
  const say = options.onMessage ?? (() => {});
  const region = options.region ?? DEFAULT_REGION;
  const session = sessionFor({ ...options, region }, `cloudmart-drill-${options.student ?? 'deployment'}`);
  try {
    const identity = await session.identity();
    say(options.lang === 'ko' ? `AWS 계정 ${identity.accountId}, ${region}${options.endpoint ? `, 엔드포인트 ${options.endpoint}` : ''}` : `AWS account ${identity.accountId}, ${region}${options.endpoint ? ` at ${options.endpoint}` : ''}`);
    let deployment: DrillDeployment = { region };
    const notes: Bilingual[] = [...(options.notes ?? [])];
    if (options.endpoint) {
      notes.push({
        ko: `드릴의 AWS 호출은 AWS가 아닌 엔드포인트 ${options.endpoint}로 갔습니다. 판정한 상태, 이벤트, 시간은 그 엔드포인트의 것입니다.`,
        en: `The drill's AWS calls went to ${options.endpoint}, an endpoint that is not AWS: the states, events and timings it judged are that endpoint's.`,
      });
    }
    const resolved = resolveNote();
    if (resolved) notes.push(resolved);
    let appUrlProblem: Bilingual | undefined;
    if (options.fromSnapshot || options.student) {
      const inventory = options.fromSnapshot ? readSnapshot(options.fromSnapshot) : await collectWithSession(session, { student: options.student!, region, ...(options.stackPrefix ? { stackPrefix: options.stackPrefix } : {}), onProgress: (e) => say(e.message[options.lang ?? 'en']) });
      const choice = fromInventory(inventory);
      deployment = choice.deployment;
      notes.push(...choice.notes);
      appUrlProblem = choice.appUrlProblem;
    } else if (!options.deployment || Object.values(options.deployment).every((v) => !v)) {
      throw new UsageError({
        ko: '드릴할 배포를 지정하세요: --student 학번(탐색으로 찾음), --from-snapshot 파일, 또는 구성 요소(--url, --asg, --target-group, --db-instance, --replication-group).',
        en: 'Say which deployment to drill: --student ID (found by discovery), --from-snapshot FILE, or its parts (--url, --asg, --target-group, --db-instance, --replication-group).',
      });
    }
    for (const [key, value] of Object.entries(options.deployment ?? {})) if (value) (deployment as unknown as Record<string, unknown>)[key] = value;
    requireParts(kind, deployment, appUrlProblem);
    say(`${options.lang === 'ko' ? '드릴 대상' : 'drilling'} ${describeDeployment(deployment)}`);
    // The deployment's drill token opens its /drill/* endpoints (found by the student's tags).
    const token = options.student ? await readDrillToken(session, options.student) : {};
    if (token.note) notes.push(token.note);
    const target = awsDrillTarget({ deployment, session, ...(token.token ? { drillToken: token.token } : {}) });
    const result = await runDrill(kind, { target, options: drill, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    return notes.length ? { ...result, notes: [...notes.map((n) => n.en), ...result.notes], notesKo: [...notes.map((n) => n.ko), ...(result.notesKo ?? result.notes)] } : result;
  } finally {
    session.destroy();
  }
}

/** Names the drill did not ask DNS for (CLOUDMART_RESOLVE), so the result says where its traffic went. */
function resolveNote(): Bilingual | undefined {
  const entries = [...resolveEntries()].flatMap(([host, names]) => names.map((n) => `${host} -> ${n.address}${n.port ? `:${n.port}` : ''}`));
  if (entries.length === 0) return undefined;
  return {
    ko: `CLOUDMART_RESOLVE에 따라 DNS 대신 다음 주소로 연결했습니다: ${entries.join(', ')}.`,
    en: `Resolved through CLOUDMART_RESOLVE instead of DNS: ${entries.join(', ')}.`,
  };
}

function describeDeployment(d: DrillDeployment): string {
  return [d.appUrl, d.autoScalingGroupName && `ASG ${d.autoScalingGroupName}`, d.dbInstanceIdentifier && `DB ${d.dbInstanceIdentifier}`, d.replicationGroupId && `cache ${d.replicationGroupId}`].filter(Boolean).join(', ');
}

function readSnapshot(file: string): Inventory {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new UsageError({ ko: `인벤토리 스냅샷 ${file}을(를) 읽을 수 없습니다(${why}).`, en: `Cannot read the inventory snapshot ${file} (${why}).` });
  }
  const inventory = parsed as Partial<Inventory>;
  if (inventory?.schemaVersion !== 1 || !inventory.elbv2 || !inventory.autoscaling || !inventory.target) {
    throw new UsageError({ ko: `${file}은(는) 인벤토리 스냅샷이 아닙니다(verify --snapshot-out이 씁니다).`, en: `${file} is not an inventory snapshot (verify --snapshot-out writes one).` });
  }
  return inventory as Inventory;
}
