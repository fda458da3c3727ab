// In which order cleanup deletes a deployment's stacks (pure, tested with plain data).
// CloudFormation refuses to delete a stack while another stack imports one of its exports
// (the reference App and Data stacks import the Network stack's), so importers go first,
// in waves; a nested stack is never deleted directly: it goes with its parent.
import { say, type Said } from './text';

export interface StackLinks {
  name: string;
  /** Set for a nested stack (the stack that created it). */
  parentId?: string;
  rootId?: string;
  id: string;
  /** The stacks importing each of this stack's exports (ListImports). */
  importedBy: { exportName: string; stacks: string[] }[];
}

export interface StackOrder {
  /** Stacks to delete, wave by wave: a wave only once every earlier wave is gone. */
  waves: string[][];
  /** Nested stacks: deleted by CloudFormation with their root stack (name -> root's name). */
  withParent: Map<string, string>;
  /** Stacks that cannot be deleted, and why (an importer cleanup does not delete, a cycle). */
  blocked: Map<string, Said>;
  /** For each stack, the stacks that must be gone before it (to explain a stack left waiting). */
  after: Map<string, string[]>;
}

/**
 * `deleting`: the names cleanup is to delete; `links`: what it read about them (and about
 * any stack sharing their root).
 */
export function orderStacks(deleting: readonly string[], links: readonly StackLinks[]): StackOrder {
  const byId = new Map(links.map((l) => [l.id, l]));
  const byName = new Map(links.map((l) => [l.name, l]));
  const rootName = (name: string): string => {
    const link = byName.get(name);
    const root = link?.rootId && link.rootId !== link.id ? byId.get(link.rootId) : undefined;
    return root?.name ?? name;
  };
  const withParent = new Map<string, string>();
  for (const name of deleting) {
    const link = byName.get(name);
    if (link?.parentId) withParent.set(name, rootName(name));
  }
  const roots = deleting.filter((n) => !withParent.has(n));
  const rootSet = new Set(roots);

  const after = new Map<string, string[]>(roots.map((r) => [r, []]));
  const blocked = new Map<string, Said>();
  for (const name of deleting) {
    const exporter = withParent.get(name) ?? name;
    for (const { exportName, stacks } of byName.get(name)?.importedBy ?? []) {
      for (const importer of stacks) {
        const importerRoot = rootName(importer);
        if (importerRoot === exporter) continue; // a nested stack importing its own root's export goes with it
        if (!rootSet.has(importerRoot)) {
          blocked.set(
            exporter,
            say(
              `다른 스택 ${importer}이(가) 내보내기 값 ${exportName}을(를) 가져다 쓰고 있는데, cleanup은 그 스택을 지우지 않습니다. 그 스택을 먼저 지우세요.`,
              `the stack ${importer} imports its export ${exportName}, and cleanup does not delete that stack; delete it first.`,
            ),
          );
        } else {
          const list = after.get(exporter)!;
          if (!list.includes(importerRoot)) list.push(importerRoot);
        }
      }
    }
  }

  // Waves: a stack is ready when everything that imports from it is in an earlier wave.
  const waves: string[][] = [];
  const placed = new Set<string>();
  const waiting = (r: string) => (after.get(r) ?? []).filter((d) => !placed.has(d));
  let pending = roots.filter((r) => !blocked.has(r));
  for (;;) {
    // A stack whose importer can never go can never go either: say so now, not after a wait.
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of pending) {
        const stuck = waiting(r).find((d) => blocked.has(d));
        if (stuck && !blocked.has(r)) {
          blocked.set(r, say(`이 스택의 내보내기 값을 쓰는 스택 ${stuck}을(를) 지울 수 없어 이 스택도 지울 수 없습니다.`, `the stack ${stuck}, which imports its exports, cannot be deleted.`));
          changed = true;
        }
      }
      pending = pending.filter((r) => !blocked.has(r));
    }
    if (pending.length === 0) break;
    const ready = pending.filter((r) => waiting(r).length === 0);
    if (ready.length === 0) {
      const cycle = pending.join(', ');
      for (const r of pending) {
        blocked.set(r, say(`스택들이 서로의 내보내기 값을 가져다 써서(${cycle}) 지울 순서가 없습니다.`, `its stacks import each other's exports (${cycle}): there is no order to delete them in.`));
      }
      break;
    }
    waves.push(ready.sort());
    for (const r of ready) placed.add(r);
    pending = pending.filter((r) => !placed.has(r));
  }
  return { waves, withParent, blocked, after };
}
