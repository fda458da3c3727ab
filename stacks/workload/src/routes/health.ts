// GET /healthz: the process is alive and serving (the ALB target group's health check).
//   It touches no dependency: a database failover must not make the ALB pull every
//   instance out of service at once.
// GET /readyz: PostgreSQL and Redis reachable, with their round-trip latency.
//   503 when PostgreSQL is down (nothing useful can be served); 200 with redis "down" and
//   status "degraded" when only Redis is down, since every read falls back to PostgreSQL.
// GET /metrics: Prometheus text format.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';

const CHECK_TIMEOUT_MS = 2_000;

interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs?: number;
  error?: string;
}

async function probe(check: () => Promise<number>): Promise<DependencyStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    const latency = await Promise.race([check(), timeout]);
    return { status: 'up', latencyMs: Math.round(latency * 100) / 100 };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(app: FastifyInstance, { db, cache, metrics }: AppContext): void {
  const startedAt = Date.now();

  app.get('/healthz', async () => ({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }));

  app.get('/readyz', async (_request, reply) => {
    const [postgres, redis] = await Promise.all([probe(() => db.ping()), probe(() => cache.ping())]);
    const status = postgres.status === 'down' ? 'unavailable' : redis.status === 'down' ? 'degraded' : 'ready';
    return reply.code(postgres.status === 'down' ? 503 : 200).send({ status, postgres, redis });
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
