// What-if prototype for the grade and check-suites benches (NOT product code): the live
// suites of checks/suites/define.ts for a whole class in ONE vitest run, one describe per
// student, one test per check, each ending the way define.ts ends it. bench/lib/class-run.ts
// runs it; the inventories arrive through vitest's provide under CLASS_RUN_KEY.
import { describe, inject, test } from 'vitest';
import type { CheckConfig } from '../../checks/config';
import type { Inventory } from '../../checks/inventory/types';
import { evaluateCheck } from '../../checks/rules/evaluate';
import { CHECKS } from '../../checks/rules/index';
import '../../checks/suites/context';

const input = inject('benchClassRun' as never) as unknown as { students: { student: string; inventory: Inventory }[]; config: CheckConfig };

for (const { student, inventory } of input.students) {
  describe(student, () => {
    for (const check of CHECKS) {
      test(check.id, (context) => {
        const outcome = evaluateCheck(check, inventory, input.config);
        context.task.meta.checkOutcome = outcome;
        if (outcome.status === 'not-applicable') context.skip(outcome.summary);
        if (outcome.status === 'fail' || outcome.status === 'error') throw new Error(`${outcome.id} ${outcome.status}: ${outcome.summary}`);
      });
    }
  });
}
