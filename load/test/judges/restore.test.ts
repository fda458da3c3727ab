// The verdict of drill.restore from hand-made observations: every criterion can fail, and
// the RPO is the time between the newest write acknowledged before the restore point and
// the last one kept before the first gap.
import { describe, expect, it } from 'vitest';
import { analyseRestoredWrites, judgeRestore } from '../../drills/judges/restore';
import type { RestoreObservations } from '../../drills/observations';
import { acknowledged, LIMITS, probes } from '../support/observations';

const LIMITS_RESTORE = { ...LIMITS, limitMs: 30 * 60_000, rpoLimitMs: 5 * 60_000 };
// Writes every second for 10 minutes; the restore is asked for at 600 s.
const WRITES = probes(0, 600_000, 1000);
const REQUESTED = 600_000;

function observations(overrides: Partial<NonNullable<RestoreObservations['restore']>> = {}, top: Partial<RestoreObservations> = {}): RestoreObservations {
  return {
    from: 'point-in-time',
    source: { id: 'cloudmart-db', status: 'available', backupRetentionDays: 7 },
    baseline: WRITES,
    restore: {
      probeIntervalMs: 1000,
      requestedAt: REQUESTED,
      restorePointMs: REQUESTED,
      instanceId: 'cloudmart-db-restore-1',
      availableAt: REQUESTED + 12 * 60_000,
      lastStatus: 'available',
      writes: WRITES,
      readBack: { present: acknowledged(WRITES), via: { ko: 'SQL', en: 'SQL' } },
      deletion: { status: 'deleting' },
      ...overrides,
    },
    ...top,
  };
}

const byName = (j: ReturnType<typeof judgeRestore>) => Object.fromEntries(j.verdict.criteria.map((c) => [c.name, c.pass]));

describe('drill.restore judge', () => {
  it('passes a restore that is available in time, keeps every acknowledged write and is deleted', () => {
    const j = judgeRestore(observations(), LIMITS_RESTORE);
    expect(j.status).toBe('pass');
    expect(j.metrics).toMatchObject({ rtoMs: 12 * 60_000, rpoMs: 0, missingWrites: 0, acknowledgedWrites: 600 });
    expect(j.verdict.summary.en).toMatch(/^Point-in-time restore passed: RTO 720 s, RPO 0 s/);
    expect(j.verdict.summary.ko).toMatch(/RTO 720초/);
  });

  it('fails a restore that took longer than the RTO limit', () => {
    const j = judgeRestore(observations({ availableAt: REQUESTED + 31 * 60_000 }), LIMITS_RESTORE);
    expect(j.status).toBe('fail');
    expect(byName(j)['restored instance available within the limit (RTO)']).toBe(false);
  });

  it('fails a restore that never became available, and does not claim an RPO', () => {
    const { availableAt: _unused, ...rest } = observations().restore!;
    const j = judgeRestore({ ...observations(), restore: { ...rest, lastStatus: 'creating', readBack: { error: 'the restore did not finish' } } }, LIMITS_RESTORE);
    expect(j.status).toBe('error');
    expect(j.metrics.rpoMs).toBeNull();
    expect(j.verdict.criteria.find((c) => c.name.includes('(RTO)'))!.actual).toBe('not available (last status creating)');
  });

  it('measures the RPO from the newest acknowledged write back to the last one kept before the first gap', () => {
    // The restore keeps writes up to 480 s: the last two minutes are lost.
    const present = acknowledged(WRITES.filter((w) => w.intendedAt < 480_000));
    const analysis = analyseRestoredWrites(WRITES, present, REQUESTED);
    expect(analysis.missing).toHaveLength(120);
    expect(analysis.rpoMs).toBe(599_005 - 479_005);
    const within = judgeRestore(observations({ readBack: { present, via: { ko: 'SQL', en: 'SQL' } } }), LIMITS_RESTORE);
    expect(within.status).toBe('pass');
    expect(within.metrics.rpoMs).toBe(120_000);
    const beyond = judgeRestore(observations({ readBack: { present, via: { ko: 'SQL', en: 'SQL' } } }), { ...LIMITS_RESTORE, rpoLimitMs: 60_000 });
    expect(beyond.status).toBe('fail');
    expect(beyond.verdict.criteria.find((c) => c.name.includes('(RPO)'))!.actual).toMatch(/^RPO 120 s: 120 of 600 acknowledged writes missing \(seq 480, 481/);
  });

  it('calls the loss a lower bound when none of the writes was kept', () => {
    const j = judgeRestore(observations({ readBack: { present: [], via: { ko: 'SQL', en: 'SQL' } } }), { ...LIMITS_RESTORE, rpoLimitMs: 24 * 3600_000 });
    expect(j.status).toBe('fail');
    expect(j.verdict.criteria.find((c) => c.name.includes('(RPO)'))!.actual).toMatch(/^RPO at least 599 s/);
  });

  it('ignores writes acknowledged after a point-in-time target, and counts the ones the restore went past it with', () => {
    const present = acknowledged(WRITES);
    const j = judgeRestore(observations({ restorePointMs: 300_000, readBack: { present, via: { ko: 'SQL', en: 'SQL' } } }), LIMITS_RESTORE);
    expect(j.status).toBe('pass');
    expect(j.metrics).toMatchObject({ acknowledgedWrites: 300, writesAfterRestorePoint: 300 });
  });

  it('is an error when the restored data could not be read with the application credentials', () => {
    const j = judgeRestore(observations({ readBack: { error: 'password authentication failed' } }), LIMITS_RESTORE);
    expect(j.status).toBe('error');
    expect(byName(j)["restored data readable with the application's credentials"]).toBe(false);
  });

  it('fails when the temporary instance could not be deleted, and names it', () => {
    const j = judgeRestore(observations({ deletion: { error: 'AccessDenied' } }), LIMITS_RESTORE);
    expect(j.status).toBe('fail');
    expect(j.verdict.criteria.find((c) => c.name === 'temporary instance deleted')!.actual).toBe('not deleted (AccessDenied): delete cloudmart-db-restore-1 yourself');
  });

  it('stops before anything when backups are off, the instance is busy, or no write was acknowledged', () => {
    expect(judgeRestore(observations({}, { source: { id: 'db', status: 'available', backupRetentionDays: 0 } }), LIMITS_RESTORE).status).toBe('fail');
    expect(judgeRestore(observations({}, { source: { id: 'db', status: 'modifying', backupRetentionDays: 7 } }), LIMITS_RESTORE).status).toBe('error');
    expect(judgeRestore(observations({}, { baseline: probes(0, 10_000, 1000, { failing: [[0, 10_000]] }) }), LIMITS_RESTORE).status).toBe('error');
    const member = judgeRestore(observations({}, { source: { id: 'db-1', status: 'available', backupRetentionDays: 7, clusterId: 'cloudmart-cluster' } }), LIMITS_RESTORE);
    expect(member.status).toBe('error');
    expect(member.verdict.summary.en).toMatch(/member of the DB cluster cloudmart-cluster; this drill restores DB instances only/);
    const { restore: _none, ...unfinished } = observations();
    expect(judgeRestore(unfinished, LIMITS_RESTORE).status).toBe('error');
  });
});
