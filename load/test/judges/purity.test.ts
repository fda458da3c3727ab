// The judges are pure: what a drill verdict says follows from the observations and the
// limits alone, so the unit tests beside this file cover it. No clock, no I/O in them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const JUDGES = path.resolve(import.meta.dirname, '../../drills/judges');

describe('drill judges', () => {
  const files = readdirSync(JUDGES).filter((name) => name.endsWith('.ts'));

  it('exist for every drill kind', () => {
    expect(files).toEqual(expect.arrayContaining(['rds-failover.ts', 'redis-failover.ts', 'instance-loss.ts', 'scale-out.ts']));
  });

  it.each(files)('%s reads no clock and does no I/O', (name) => {
    const source = readFileSync(path.join(JUDGES, name), 'utf8');
    expect(source).not.toMatch(/\b(Date\.now|new Date\(|performance\.|nowMs|setTimeout|setInterval|fetch\(|process\.)/);
    expect(source).not.toMatch(/from '(node:[^']+|\.\.\/\.\.\/(clock|prober|http-probe|load-runner|targets\/[^']+))'/);
    expect(source).not.toMatch(/from '\.\.\/(drill-runner|observe)'/);
  });
});
