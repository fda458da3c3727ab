// Applies the pending migrations and the seed catalogue at start. Every instance of an
// Auto Scaling group starts at once against the same database, so all of it runs in one
// transaction behind a transaction-scoped advisory lock: the first instance migrates, the
// others wait, then find nothing left to do.
import type { QueryConfig } from 'pg';
import type { Database, Queryable } from './database';
import { MIGRATIONS, type Migration } from './migrations';
import { SEED_PRODUCTS, type SeedProduct } from './seed-data';

/** Arbitrary but fixed: the advisory lock every CloudMart API version takes to migrate. */
const MIGRATION_LOCK_KEY = 7_271_001;
/** Waiting for another instance's migration may take longer than a normal statement. */
const LOCK_WAIT_MS = 60_000;

export interface MigrationOutcome {
  applied: string[];
  /** Migrations recorded in the database that this version does not know (a newer version ran). */
  unknown: string[];
  seededProducts: number;
}

export async function migrate(
  db: Database,
  options: { seed: boolean; migrations?: readonly Migration[]; products?: readonly SeedProduct[] } = { seed: true },
): Promise<MigrationOutcome> {
  const migrations = options.migrations ?? MIGRATIONS;
  return db.withClient(async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL statement_timeout = ${LOCK_WAIT_MS}`);
      // pg honours a per-query query_timeout (its types do not declare it).
      const lock = { text: 'SELECT pg_advisory_xact_lock($1)', values: [MIGRATION_LOCK_KEY], query_timeout: LOCK_WAIT_MS + 5_000 };
      await client.query(lock as QueryConfig);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        id text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.id)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
        applied.push(migration.id);
      }
      const known = new Set(migrations.map((m) => m.id));
      const unknown = [...done].filter((id) => !known.has(id)).sort();
      const seededProducts = options.seed ? await seed(client, options.products ?? SEED_PRODUCTS) : 0;
      await client.query('COMMIT');
      return { applied, unknown, seededProducts };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

async function seed(client: Queryable, products: readonly SeedProduct[]): Promise<number> {
  const result = await client.query(
    `INSERT INTO products (sku, name, description, category, price, stock)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[])
     ON CONFLICT (sku) DO NOTHING`,
    [
      products.map((p) => p.sku),
      products.map((p) => p.name),
      products.map((p) => p.description),
      products.map((p) => p.category),
      products.map((p) => p.price),
      products.map((p) => p.stock),
    ],
  );
  return result.rowCount ?? 0;
}
