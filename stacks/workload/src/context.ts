// What every route module gets: configuration and the shared connections.
import type { BurnPool } from './burn';
import type { ProductCache } from './cache';
import type { ApiConfig } from './config';
import type { Database } from './db/database';
import type { ApiMetrics } from './metrics';

export interface AppContext {
  config: ApiConfig;
  db: Database;
  cache: ProductCache;
  metrics: ApiMetrics;
  /** Present only when the drill endpoints are on. */
  burn?: BurnPool;
}
