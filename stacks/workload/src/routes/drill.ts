// Drill endpoints (registered only when DRILL_ENDPOINTS=on; 404 otherwise).
// - POST /drill/write {"seq": n}: answers only after the row is committed, so every 201
//   or 200 is an acknowledged write that a failover drill expects to find afterwards.
//   Writing the same seq again changes nothing and answers 200 with the stored row.
//   Every answer names the PostgreSQL server that ran the statement (`server`): its
//   system identifier (pg_control_system(), set by initdb and kept by a physical standby,
//   so it names the database, not the host) and the address it accepted the connection on
//   (inet_server_addr(), which moves with an RDS failover). They are read in the same
//   statement as the write, so no cache can name a server from before a reconnect; the
//   drill checks that they are the deployment's own database.
// - GET /drill/writes?since=N&limit=M: the stored seqs above N, ascending.
// - GET /drill/burn?ms=N: N ms of busy CPU (capped at BURN_MAX_MS) in a worker thread.
// Every one of them needs the deployment's drill token in the x-cloudmart-drill-token
// header (drill-token.ts); without it, or with a wrong one, the answer is the 404 of a
// route that does not exist, as when the drill endpoints are off.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import { DRILL_TOKEN_HEADER, drillTokenMatches } from '../drill-token';
import { bodyInt, parseInput, queryInt } from '../http-errors';

const WriteBody = z.object({ seq: bodyInt('seq', 0, Number.MAX_SAFE_INTEGER) }, { message: 'the body must be a JSON object like {"seq": 1}' });
const WritesQuery = z.object({
  since: queryInt('since', -1, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInt('limit', 1, 10_000).optional(),
});
const BurnQuery = z.object({ ms: queryInt('ms', 0, Number.MAX_SAFE_INTEGER) });

interface WriteRow {
  seq: string; // bigint arrives as a string
  committed_at: Date;
}

interface ServerColumns {
  server_address: string | null; // null over a Unix socket
  system_identifier: string; // bigint as text
}

/** The columns that name the server that ran the statement (readable without superuser). */
const SERVER_COLUMNS = 'host(inet_server_addr()) AS server_address, (SELECT system_identifier::text FROM pg_control_system()) AS system_identifier';

const writeJson = (row: WriteRow & ServerColumns) => ({
  seq: Number(row.seq),
  committedAt: row.committed_at.toISOString(),
  server: { address: row.server_address, systemIdentifier: row.system_identifier },
});

export function drillRoutes(root: FastifyInstance, context: AppContext): void {
  // A plugin scope: the token check guards these routes only.
  void root.register(async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (!drillTokenMatches(context.config.drillToken ?? '', request.headers[DRILL_TOKEN_HEADER]) || !context.config.drillToken) {
        return reply.callNotFound();
      }
    });
    registerDrillRoutes(app, context);
  });
}

function registerDrillRoutes(app: FastifyInstance, { db, metrics, burn, config }: AppContext): void {
  app.post('/drill/write', async (request, reply) => {
    const { seq } = parseInput(WriteBody, request.body ?? {}, 'body');
    const inserted = await db.query<WriteRow & ServerColumns>(
      `INSERT INTO drill_writes (seq) VALUES ($1) ON CONFLICT (seq) DO NOTHING RETURNING seq, committed_at, ${SERVER_COLUMNS}`,
      [seq],
    );
    if (inserted.rows[0]) {
      metrics.drillWrites.inc({ result: 'created' });
      return reply.code(201).send(writeJson(inserted.rows[0]));
    }
    const existing = await db.read<WriteRow & ServerColumns>(`SELECT seq, committed_at, ${SERVER_COLUMNS} FROM drill_writes WHERE seq = $1`, [seq]);
    metrics.drillWrites.inc({ result: 'duplicate' });
    return reply.code(200).send(writeJson(existing.rows[0]!));
  });

  app.get('/drill/writes', async (request) => {
    const { since = -1, limit = 1_000 } = parseInput(WritesQuery, request.query, 'query');
    const { rows } = await db.read<WriteRow>('SELECT seq, committed_at FROM drill_writes WHERE seq > $1 ORDER BY seq LIMIT $2', [since, limit]);
    const writes = rows.map((row) => ({ seq: Number(row.seq), committedAt: row.committed_at.toISOString() }));
    return { writes, next: writes.length > 0 ? writes[writes.length - 1]!.seq : null };
  });

  app.get('/drill/burn', async (request) => {
    const { ms } = parseInput(BurnQuery, request.query, 'query');
    const burnedMs = await burn!.burn(Math.min(ms, config.burnMaxMs));
    metrics.burnMs.inc(burnedMs);
    return { burnedMs };
  });
}
