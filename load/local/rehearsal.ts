// The local rehearsal: the real moving parts of a CloudMart deployment on 127.0.0.1, so
// every drill can be tried without AWS. A PostgreSQL primary with a synchronous
// streaming standby behind one endpoint, a Redis primary with a replica behind another,
// CloudMart API processes behind a load balancer, and a simulated Auto Scaling group.
// stop() tears everything down (also after a partial start).
import { randomBytes } from 'node:crypto';
import type { Bilingual } from '../../contract/report';
import type { DrillTarget } from '../target';
import { localDrillTarget } from '../targets/local';
import { LocalBalancer } from './balancer';
import { LocalFleet, type ApiLauncher } from './fleet';
import { PostgresPair, type PostgresServers } from './postgres-pair';
import { RedisPair, type RedisServers } from './redis-pair';

export interface RehearsalServers {
  postgres: PostgresServers;
  redis: RedisServers;
}

export interface RehearsalOptions {
  servers: RehearsalServers;
  launcher: ApiLauncher;
  /** API processes at the start (default 2, one per zone). */
  instances?: number;
  minSize?: number;
  maxSize?: number;
  /** Synchronous replication to the standby (default true, as RDS Multi-AZ). */
  synchronous?: boolean;
  /** The target-tracking value: requests per second per API process (default 20). */
  targetRequestsPerSecond?: number;
  redisPassword?: string;
  /**
   * The database URL the API processes are given, instead of the pair's endpoint: a test
   * acts out an application that writes somewhere else than the deployment's database.
   */
  apiDatabaseUrl?: string;
  /** The same for Redis: the URL the API processes are given instead of the pair's endpoint. */
  apiRedisUrl?: string;
  /** Progress messages while the parts start, in both languages. */
  onProgress?: (message: Bilingual) => void;
  /** Ctrl-C while starting: stop what was started and give up. */
  signal?: AbortSignal;
}

export interface Rehearsal {
  target: DrillTarget;
  postgres: PostgresPair;
  redis: RedisPair;
  balancer: LocalBalancer;
  fleet: LocalFleet;
  stop(): Promise<void>;
}

export async function startRehearsal(options: RehearsalOptions): Promise<Rehearsal> {
  const say = options.onProgress ?? (() => {});
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  };
  const check = (): void => {
    if (options.signal?.aborted) throw new RehearsalInterrupted();
  };
  try {
    check();
    say({
      ko: `PostgreSQL 프라이머리와 ${options.synchronous === false ? '비동기' : '동기'} 스탠바이 시작`,
      en: `starting PostgreSQL primary and ${options.synchronous === false ? 'asynchronous' : 'synchronous'} standby`,
    });
    const postgres = await PostgresPair.start(options.servers.postgres, { synchronous: options.synchronous ?? true });
    cleanups.push(() => postgres.destroy());
    check();
    say({ ko: 'Redis 프라이머리와 복제본 시작', en: 'starting Redis primary and replica' });
    const redis = await RedisPair.start(options.servers.redis, options.redisPassword ? { password: options.redisPassword } : {});
    cleanups.push(() => redis.destroy());
    check();
    const balancer = new LocalBalancer();
    await balancer.start();
    cleanups.push(() => balancer.close());
    const instances = options.instances ?? 2;
    say({ ko: `로컬 밸런서 ${balancer.url} 뒤에 CloudMart API 프로세스 ${instances}개 시작`, en: `starting ${instances} CloudMart API processes behind the local balancer ${balancer.url}` });
    // The rehearsal's own drill token, as a deployment's stack generates one.
    const drillToken = randomBytes(24).toString('base64url');
    const fleet = new LocalFleet({
      drillToken,
      launcher: options.launcher,
      balancer,
      databaseUrl: options.apiDatabaseUrl ?? postgres.url,
      redisUrl: options.apiRedisUrl ?? redis.url,
      minSize: options.minSize ?? instances,
      maxSize: options.maxSize ?? Math.max(4, instances),
      desired: instances,
      targetRequestsPerSecond: options.targetRequestsPerSecond ?? 20,
    });
    cleanups.push(() => fleet.stop());
    await fleet.start();
    check();
    const parts = { postgres, redis, balancer, fleet, drillToken };
    return { ...parts, target: localDrillTarget(parts), stop };
  } catch (error) {
    await stop();
    // A server killed by the same Ctrl-C (it shares our terminal) is part of the interruption.
    if (options.signal?.aborted) throw new RehearsalInterrupted();
    throw error;
  }
}

export class RehearsalInterrupted extends Error {
  constructor() {
    super('Interrupted while the local rehearsal was starting; everything it had started was stopped.');
    this.name = 'RehearsalInterrupted';
  }
}
