// judgeInstanceLoss on hand-made observations: every criterion passing and failing, and
// the precondition that stops the drill. No process, no emulator, no clock.
import { describe, expect, it } from 'vitest';
import { judgeInstanceLoss } from '../../drills/judges/instance-loss';
import type { InstanceLossObservations } from '../../drills/observations';
import { LIMITS, probes, snapshot, type InstanceLook } from '../support/observations';

const SIZES = { min: 2, max: 4, desired: 2 };
const FAULT_AT = 10_000;
const A: InstanceLook = ['i-a', 'ap-northeast-2a', 'InService', 'healthy'];
const C: InstanceLook = ['i-c', 'ap-northeast-2c', 'InService', 'healthy'];
const START = snapshot(0, SIZES, [A, C]);

// Amazon EC2 Auto Scaling API reference, TerminateInstanceInAutoScalingGroup: without decrementing the desired capacity, Auto Scaling launches instances to replace the ones terminated.
/** A loss that went well: i-a terminated at 10 s, i-b launched, InService and healthy at 190 s; reads failing for 3 s. */
const RECOVERY: ReturnType<typeof snapshot>[] = [
  START,
  snapshot(12_000, SIZES, [['i-a', 'ap-northeast-2a', 'Terminating', 'draining'], C]),
  snapshot(70_000, SIZES, [C, ['i-b', 'ap-northeast-2a', 'Pending', 'initial']]),
  snapshot(190_000, SIZES, [C, ['i-b', 'ap-northeast-2a', 'InService', 'healthy']]),
  snapshot(200_000, SIZES, [C, ['i-b', 'ap-northeast-2a', 'InService', 'healthy']]),
];

function observed(change: Partial<NonNullable<InstanceLossObservations['loss']>> = {}): InstanceLossObservations {
  return {
    start: START,
    loss: {
      probeIntervalMs: 200,
      victim: { id: 'i-a', availabilityZone: 'ap-northeast-2a' },
      faultAt: FAULT_AT,
      history: RECOVERY,
      reads: probes(0, 200_000, 200, { failing: [[FAULT_AT, FAULT_AT + 3000]] }),
      ...change,
    },
  };
}

function criterion(observations: InstanceLossObservations, name: string, limits = LIMITS) {
  const found = judgeInstanceLoss(observations, limits).verdict.criteria.find((c) => c.name === name);
  if (!found) throw new Error(`no criterion "${name}"`);
  return found;
}

describe('judgeInstanceLoss', () => {
  it('passes a loss whose errors stopped after 3 s and whose replacement served after 180 s', () => {
    const judged = judgeInstanceLoss(observed(), LIMITS);
    expect(judged.status).toBe('pass');
    expect(judged.verdict.criteria.map((c) => [c.name, c.pass])).toEqual([
      ['user-visible errors stop within the limit', true],
      ['group back to desired capacity with healthy targets', true],
      ['the terminated instance was replaced', true],
    ]);
    expect(judged.verdict.summary.en).toBe('After losing an instance, errors stopped within 3 s and the group was back to 2 healthy instances in 180 s.');
    expect(judged.metrics).toEqual({ errorWindowMs: 3000, failedReadsAfterLoss: 15, recoveryMs: 180_000, desiredCapacity: 2, servingAtEnd: 2 });
    for (const c of judged.verdict.criteria) expect([c.nameKo, c.expectedKo, c.actualKo].every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
  });

  describe('user-visible errors stop within the limit', () => {
    const name = 'user-visible errors stop within the limit';
    it('passes without any failed read', () => {
      expect(criterion(observed({ reads: probes(0, 200_000, 200) }), name)).toMatchObject({ pass: true, actual: 'no failed read' });
    });
    it('fails when reads still failed after the limit, counting from the termination', () => {
      const c = criterion(observed({ reads: probes(0, 200_000, 200, { failing: [[FAULT_AT, FAULT_AT + 1000], [FAULT_AT + 90_000, FAULT_AT + 90_200]] }) }), name, { ...LIMITS, limitMs: 60_000 });
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('6 failed reads over 90.2 s');
      expect(c.actualKo).toBe('90.2초 동안 조회 실패 6건');
    });
  });

  describe('group back to desired capacity with healthy targets', () => {
    const name = 'group back to desired capacity with healthy targets';
    it('takes the first look at which the group had recovered', () => {
      expect(criterion(observed(), name).actual).toBe('2 serving after 180 s (zones ap-northeast-2c, ap-northeast-2a)');
    });
    it('fails a recovery slower than its limit', () => {
      const c = criterion(observed(), name, { ...LIMITS, recoveryLimitMs: 120_000 });
      expect(c.pass).toBe(false);
      expect(c.expected).toBe('2 InService and healthy within 120 s');
    });
    it('does not count a replacement that is InService but not yet healthy in the target group', () => {
      const history = [...RECOVERY.slice(0, 3), snapshot(190_000, SIZES, [C, ['i-b', 'ap-northeast-2a', 'InService', 'initial']])];
      const c = criterion(observed({ history }), name);
      expect(c.pass).toBe(false);
      expect(c.actual).toBe('1 serving of 2 when the 600 s watch ended');
    });
    it('does not count a look taken before the termination', () => {
      const history = [snapshot(5_000, SIZES, [C, ['i-b', 'ap-northeast-2a', 'InService', 'healthy']]), ...RECOVERY.slice(1, 3)];
      expect(criterion(observed({ history }), name).pass).toBe(false);
    });
  });

  describe('the terminated instance was replaced', () => {
    const name = 'the terminated instance was replaced';
    it('passes when the victim left the group', () => {
      expect(criterion(observed(), name)).toMatchObject({ pass: true, actual: 'i-a gone' });
    });
    it('fails when the victim is still in the group at the end', () => {
      const history = RECOVERY.slice(0, 2);
      const judged = judgeInstanceLoss(observed({ history }), LIMITS);
      expect(judged.verdict.criteria.find((c) => c.name === name)).toMatchObject({ pass: false, actual: 'i-a still in the group' });
      expect(judged.status).toBe('fail');
      expect(judged.verdict.summary.en).toBe('Failed: group back to desired capacity with healthy targets; the terminated instance was replaced.');
    });
  });

  describe('preconditions', () => {
    it('fails a group with fewer than 2 serving instances, before any loss', () => {
      const judged = judgeInstanceLoss({ start: snapshot(0, SIZES, [A, ['i-c', 'ap-northeast-2c', 'InService', 'unhealthy']]) }, LIMITS);
      expect(judged.status).toBe('fail');
      expect(judged.verdict.criteria[0]).toMatchObject({ name: 'at least 2 healthy instances before the loss', actual: '1', pass: false });
    });
    it('is an error, never a pass, when the run stopped before the loss', () => {
      const judged = judgeInstanceLoss({ start: START }, LIMITS);
      expect(judged.status).toBe('error');
      expect(judged.verdict.criteria).toEqual([]);
    });
  });
});
