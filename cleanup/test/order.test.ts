// Which stacks cleanup deletes in which order (pure): importers before the stacks whose
// exports they use (the reference App and Data stacks import Network's), nested stacks with
// their root, and a stack whose export is imported by a stack cleanup keeps reported at once;
// plus what goes with its owner and is never for the student to delete by hand, and the
// Korean text of an outcome.
import { describe, expect, it } from 'vitest';
import { formatOutcome } from '../format';
import { planCleanup } from '../plan';
import { orderStacks, type StackLinks } from '../stack-order';
import type { CleanupOutcome } from '../delete-deployment';
import type { DiscoveredResource, Inventory } from '../../contract/inventory';

const link = (name: string, importedBy: StackLinks['importedBy'] = [], extra: Partial<StackLinks> = {}): StackLinks => ({ name, id: `id-${name}`, importedBy, ...extra });
const N = 'CloudMart-kim-Network';
const A = 'CloudMart-kim-App';
const D = 'CloudMart-kim-Data';
const F = 'CloudMart-kim-Frontend';

describe('orderStacks', () => {
  // "After another stack imports an output value, you can't delete the stack that is exporting the output value": https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
  it('deletes the importers first, the Network stack last', () => {
    const order = orderStacks([N, A, D, F], [
      link(N, [
        { exportName: `${N}:ExportsOutputRefVpc`, stacks: [A, D] },
        { exportName: `${N}:ExportsOutputRefSubnetA`, stacks: [D] },
      ]),
      link(D, [{ exportName: `${D}:ExportsOutputRefDbSg`, stacks: [A] }]),
      link(A),
      link(F),
    ]);
    expect(order.waves).toEqual([[A, F], [D], [N]]);
    expect(order.blocked.size).toBe(0);
  });

  it('leaves a nested stack to its root (and counts its imports as the root’s)', () => {
    const nested = `${D}-SecretsRotation-ABC`;
    const order = orderStacks([N, D, nested], [
      link(N, [{ exportName: 'vpc', stacks: [nested] }]),
      link(D, [], { id: 'id-data' }),
      link(nested, [], { parentId: 'id-data', rootId: 'id-data' }),
    ]);
    expect(order.withParent).toEqual(new Map([[nested, D]]));
    expect(order.waves).toEqual([[D], [N]]);
  });

  it('reports at once a stack whose export a kept stack imports, and the stacks that then cannot go', () => {
    const order = orderStacks([N, A], [link(N, [{ exportName: 'vpc', stacks: [A] }]), link(A, [{ exportName: 'app-sg', stacks: ['Someone-Else'] }])]);
    expect(order.waves).toEqual([]);
    expect(order.blocked.get(A)?.en).toBe('the stack Someone-Else imports its export app-sg, and cleanup does not delete that stack; delete it first.');
    expect(order.blocked.get(N)?.en).toBe(`the stack ${A}, which imports its exports, cannot be deleted.`);
    expect(order.blocked.get(N)?.ko).toMatch(/지울 수 없습니다/);
  });

  it('reports stacks that import each other instead of waiting', () => {
    const order = orderStacks([A, D], [link(A, [{ exportName: 'a', stacks: [D] }]), link(D, [{ exportName: 'd', stacks: [A] }])]);
    expect(order.waves).toEqual([]);
    expect([...order.blocked.keys()].sort()).toEqual([A, D]);
  });
});

function inventoryWith(resources: DiscoveredResource[]): Inventory {
  return {
    target: { region: 'ap-northeast-2', accountId: '123456789012' },
    discovery: { student: 'kim', stackPrefix: 'CloudMart-kim-', stacks: [], resources },
  } as unknown as Inventory;
}

describe('what goes with its owner', () => {
  it('never tells the student to delete an instance’s volume, an automated snapshot or a service’s network interface by hand', () => {
    const tags = { 'cloudmart:student': 'kim' };
    const plan = planCleanup(
      inventoryWith([
        { arn: 'arn:aws:ec2:ap-northeast-2:123456789012:volume/vol-1', type: 'AWS::EC2::Volume', id: 'vol-1', via: ['tag'], tags },
        { arn: 'arn:aws:rds:ap-northeast-2:123456789012:snapshot:rds:cloudmart-kim-db-2026-01-01-00-00', type: 'AWS::RDS::DBSnapshot', id: 'rds:cloudmart-kim-db-2026-01-01-00-00', via: ['tag'], tags },
        { arn: 'arn:aws:ec2:ap-northeast-2:123456789012:network-interface/eni-1', type: 'AWS::EC2::NetworkInterface', id: 'eni-1', via: ['tag'], tags },
      ]),
      { now: new Date('2026-01-01T00:00:00Z'), olderThanExpiry: false },
    );
    expect(plan.resources.map((r) => r.action)).toEqual(['with-parent', 'with-parent', 'with-parent']);
    for (const r of plan.resources) {
      expect(r.reason.en).not.toMatch(/yourself/);
      expect(r.reason.ko).not.toMatch(/직접/);
    }
  });
});

describe('the outcome in Korean', () => {
  it('has no English sentence of cleanup’s own, and names what is left', () => {
    const outcome: CleanupOutcome = {
      interrupted: true,
      stacks: [
        { name: D, status: 'deleted', reason: { ko: 'DeleteStack 완료', en: 'DeleteStack completed' }, notes: [{ ko: '이 스택의 DB 인스턴스 db의 삭제 방지를 껐습니다', en: 'turned off deletion protection on its own DB instance db' }] },
        { name: N, status: 'left', reason: { ko: '중단되어 지우지 않았습니다', en: 'not deleted: cleanup was interrupted' } },
      ],
      resources: [],
      leftover: { stacks: [N], resources: [] },
    };
    const ko = formatOutcome(outcome, 'ko');
    expect(ko).toContain('중단되었습니다(Ctrl-C).');
    expect(ko).toContain(`스택 ${D}: 이 스택의 DB 인스턴스 db의 삭제 방지를 껐습니다`);
    expect(ko).toContain(`중단으로 남은 것 1개:\n  스택 ${N}: 중단되어 지우지 않았습니다`);
    expect(ko).toContain(`다시 검색한 결과 아직 남아 있는 것 1개:\n  스택 ${N}`);
    const english = formatOutcome(outcome, 'en');
    for (const line of english.split('\n')) {
      const sentence = line.trim().replace(/^stack \S+: /, '');
      if (/[a-z]{3,} [a-z]{3,}/.test(sentence)) expect(ko).not.toContain(sentence);
    }
  });
});
