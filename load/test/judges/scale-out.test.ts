// judgeScaleOut on hand-made observations: every criterion passing and failing, and every
// precondition that stops the drill. No process, no emulator, no clock.
import { describe, expect, it } from 'vitest';
import { judgeScaleOut } from '../../drills/judges/scale-out';
import type { ScaleOutObservations } from '../../drills/observations';
import type { ScalingPolicyInfo } from '../../target';
import { LIMITS, snapshot, type InstanceLook } from '../support/observations';

const LIMITS_15_MIN = { ...LIMITS, limitMs: 15 * 60_000 };
const A: InstanceLook = ['i-a', 'ap-northeast-2a', 'InService', 'healthy'];
const C: InstanceLook = ['i-c', 'ap-northeast-2c', 'InService', 'healthy'];
const START = snapshot(0, { min: 2, max: 4, desired: 2 }, [A, C]);
const POLICY: ScalingPolicyInfo = { name: 'cpu50', type: 'TargetTrackingScaling', metric: 'cpu', targetValue: 50 };
const LOAD_START = 1000;

// Elastic Load Balancing API reference, TargetHealth: a target serves once its state is healthy (initial while the first health checks run).
/** A scale-out that went well: desired 3 at 120 s, i-b InService at 200 s and healthy at 301 s. */
const SCALED = [
  START,
  snapshot(120_000, { min: 2, max: 4, desired: 3 }, [A, C, ['i-b', 'ap-northeast-2a', 'Pending', 'initial']]),
  snapshot(200_000, { min: 2, max: 4, desired: 3 }, [A, C, ['i-b', 'ap-northeast-2a', 'InService', 'initial']]),
  snapshot(301_000, { min: 2, max: 4, desired: 3 }, [A, C, ['i-b', 'ap-northeast-2a', 'InService', 'healthy']]),
];

function observed(change: Partial<NonNullable<ScaleOutObservations['load']>> = {}): ScaleOutObservations {
  return {
    start: START,
    policies: [POLICY],
    loadPath: { path: '/drill/burn?ms=50', onCpu: true, ok: true, answer: '200' },
    load: { rate: 50, loadStart: LOAD_START, endMs: 302_000, history: SCALED, requestedRate: 50, achievedRate: 49.96, peakScalingMetric: 87.5, ...change },
  };
}

function criterion(observations: ScaleOutObservations, name: string, limits = LIMITS_15_MIN) {
  const found = judgeScaleOut(observations, limits).verdict.criteria.find((c) => c.name === name);
  if (!found) throw new Error(`no criterion "${name}"`);
  return found;
}

describe('judgeScaleOut', () => {
  it('passes a group that grew to 3 and served a new instance in 2 AZs after 300 s', () => {
    const judged = judgeScaleOut(observed(), LIMITS_15_MIN);
    expect(judged.status).toBe('pass');
    expect(judged.verdict.criteria.map((c) => [c.name, c.pass])).toEqual([
      ['desired capacity rose above the minimum', true],
      ['new instances InService and healthy in the target group', true],
      ['serving instances spread over >= 2 AZs', true],
      ['within the time limit', true],
    ]);
    expect(judged.verdict.summary.en).toBe('Under 50 req/s the group scaled out in 300 s: desired up to 3, 3 healthy instances in 2 AZs.');
    expect(judged.metrics).toEqual({ timeToScaleMs: 300_000, peakDesired: 3, minSize: 2, maxSize: 4, servingAtEnd: 3, zonesAtEnd: 2, requestedRate: 50, achievedRate: 50, peakScalingMetric: 87.5 });
    for (const c of judged.verdict.criteria) expect([c.nameKo, c.expectedKo, c.actualKo].every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
  });

  describe('desired capacity rose above the minimum', () => {
    const name = 'desired capacity rose above the minimum';
    it('passes on the peak even when desired came back down', () => {
      const history = [...SCALED, snapshot(400_000, { min: 2, max: 4, desired: 2 }, [A, C])];
      expect(criterion(observed({ history }), name)).toMatchObject({ pass: true, actual: 'peak 3 (min 2, max 4)' });
    });
    it('fails when desired never left the minimum', () => {
      expect(criterion(observed({ history: [START, snapshot(900_000, { min: 2, max: 4, desired: 2 }, [A, C])] }), name)).toMatchObject({ pass: false, actual: 'peak 2 (min 2, max 4)' });
    });
  });

  describe('new instances InService and healthy in the target group', () => {
    const name = 'new instances InService and healthy in the target group';
    it('passes with the new instance serving', () => {
      expect(criterion(observed(), name)).toMatchObject({ pass: true, actual: 'i-b (ap-northeast-2a)' });
    });
    it('fails while the new instance is InService but not healthy', () => {
      expect(criterion(observed({ history: SCALED.slice(0, 3) }), name)).toMatchObject({ pass: false, actual: 'none', actualKo: '없음' });
    });
  });

  describe('serving instances spread over >= 2 AZs', () => {
    const name = 'serving instances spread over >= 2 AZs';
    it('passes with serving instances in two AZs', () => {
      expect(criterion(observed(), name)).toMatchObject({ pass: true, actual: 'ap-northeast-2a, ap-northeast-2c' });
    });
    it('fails when every serving instance is in one AZ', () => {
      const history = [START, snapshot(301_000, { min: 2, max: 4, desired: 3 }, [A, ['i-c', 'ap-northeast-2c', 'InService', 'unhealthy'], ['i-b', 'ap-northeast-2a', 'InService', 'healthy']])];
      expect(criterion(observed({ history }), name)).toMatchObject({ pass: false, actual: 'ap-northeast-2a' });
    });
  });

  describe('within the time limit', () => {
    const name = 'within the time limit';
    it('fails a scale-out slower than the limit', () => {
      const c = criterion(observed(), name, { ...LIMITS, limitMs: 120_000 });
      expect(c).toMatchObject({ pass: false, expected: '<= 120 s', actual: '300 s' });
    });
    it('fails when the group never scaled, naming how long the load ran', () => {
      const c = criterion(observed({ history: SCALED.slice(0, 3), endMs: 901_000 }), name);
      expect(c).toMatchObject({ pass: false, actual: 'not within 900 s', actualKo: '900초 안에 확장되지 않음' });
      expect(judgeScaleOut(observed({ history: SCALED.slice(0, 3), endMs: 901_000 }), LIMITS_15_MIN).status).toBe('fail');
    });
    it('does not count a look taken before the load started', () => {
      const early = snapshot(500, { min: 2, max: 4, desired: 3 }, [A, C, ['i-b', 'ap-northeast-2a', 'InService', 'healthy']]);
      expect(criterion(observed({ history: [START, early], endMs: 901_000 }), name).pass).toBe(false);
    });
  });

  describe('preconditions', () => {
    it('fails a group that has no room to grow', () => {
      const judged = judgeScaleOut({ start: snapshot(0, { min: 2, max: 2, desired: 2 }, [A, C]), policies: [POLICY] }, LIMITS_15_MIN);
      expect(judged.status).toBe('fail');
      expect(judged.verdict.criteria[0]).toMatchObject({ name: 'room to scale out', actual: 'min 2, desired 2, max 2' });
    });
    it('fails a group without a scaling policy', () => {
      const judged = judgeScaleOut({ start: START, policies: [] }, LIMITS_15_MIN);
      expect(judged.status).toBe('fail');
      expect(judged.verdict.criteria[0]).toMatchObject({ name: 'a scaling policy exists', actual: 'none' });
    });
    it('is an error when the load path does not answer, naming DRILL_ENDPOINTS for /drill/burn', () => {
      const judged = judgeScaleOut({ start: START, policies: [POLICY], loadPath: { path: '/drill/burn?ms=50', onCpu: true, ok: false, answer: '404' } }, LIMITS_15_MIN);
      expect(judged.status).toBe('error');
      expect(judged.verdict.summary.en).toBe('The load path /drill/burn?ms=50 does not answer (404); check that the API runs with DRILL_ENDPOINTS=on.');
    });
    it('is an error, never a pass, when the run stopped before the load', () => {
      const judged = judgeScaleOut({ start: START, policies: [POLICY], loadPath: { path: '/drill/burn?ms=50', onCpu: true, ok: true, answer: '200' } }, LIMITS_15_MIN);
      expect(judged.status).toBe('error');
      expect(judged.verdict.criteria).toEqual([]);
    });
  });
});
