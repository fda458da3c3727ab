// Which deployments `cleanup --all --older-than-expiry` judges expired, from the tags alone
// (pure): grouped by cloudmart:student; the latest cloudmart:expires-at wins when a
// deployment's resources disagree; no expiry or one that is not a time is never expired;
// a resource without the student tag belongs to no deployment.
import { describe, expect, it } from 'vitest';
import { judgeExpiry } from '../find-deployments';

const NOW = new Date('2026-06-01T12:00:00Z');
const tags = (student: string | undefined, expiresAt?: string) => ({
  ...(student === undefined ? {} : { 'cloudmart:student': student }),
  ...(expiresAt === undefined ? {} : { 'cloudmart:expires-at': expiresAt }),
  Name: 'x',
});

describe('judgeExpiry', () => {
  it('groups by student and finds a passed expiry expired, a future one not', () => {
    const found = judgeExpiry([tags('kim', '2026-06-01T11:00:00Z'), tags('kim', '2026-06-01T11:00:00Z'), tags('lee', '2026-06-01T13:00:00Z')], NOW);
    expect(found.map((d) => [d.student, d.tagged, d.state, d.expiresAt])).toEqual([
      ['kim', 2, 'expired', '2026-06-01T11:00:00Z'],
      ['lee', 1, 'not-expired', '2026-06-01T13:00:00Z'],
    ]);
    expect(found[0]!.reason).toEqual({ ko: '만료됨(2026-06-01T11:00:00Z)', en: 'expired (2026-06-01T11:00:00Z)' });
  });

  it('lets the latest expiry win when a deployment disagrees with itself (one resource extended: not expired)', () => {
    const [kim] = judgeExpiry([tags('kim', '2026-06-01T10:00:00Z'), tags('kim', '2026-06-02T10:00:00+09:00')], NOW);
    expect(kim).toMatchObject({ state: 'not-expired', expiresAt: '2026-06-02T10:00:00+09:00', expiries: ['2026-06-01T10:00:00Z', '2026-06-02T10:00:00+09:00'] });
    expect(kim!.reason.en).toBe('not expired yet: its resources disagree on the expiry, and the latest, 2026-06-02T10:00:00+09:00, wins');
    const [lee] = judgeExpiry([tags('lee', '2026-06-01T10:00:00Z'), tags('lee', '2026-06-01T11:59:59Z')], NOW);
    expect(lee).toMatchObject({ state: 'expired', expiresAt: '2026-06-01T11:59:59Z' });
    expect(lee!.reason.en).toBe('expired: even its latest expiry 2026-06-01T11:59:59Z has passed');
  });

  it('is expired exactly at its expiry time', () => {
    expect(judgeExpiry([tags('kim', NOW.toISOString())], NOW)[0]!.state).toBe('expired');
    expect(judgeExpiry([tags('kim', new Date(NOW.getTime() + 1000).toISOString())], NOW)[0]!.state).toBe('not-expired');
  });

  it('never judges a deployment without an expiry, or with one that is not a time, expired', () => {
    const found = judgeExpiry([tags('kim'), tags('lee', 'tomorrow'), tags('lee', '2020-01-01T00:00:00Z')], NOW);
    expect(found.map((d) => [d.student, d.state])).toEqual([
      ['kim', 'no-expiry'],
      ['lee', 'unreadable'],
    ]);
    expect(found[1]!.reason.en).toBe('kept: its cloudmart:expires-at tomorrow is not a time, so its expiry is unknown');
  });

  it('ignores resources without the student tag (they belong to no deployment)', () => {
    expect(judgeExpiry([tags(undefined, '2020-01-01T00:00:00Z'), tags('', '2020-01-01T00:00:00Z')], NOW)).toEqual([]);
  });
});
