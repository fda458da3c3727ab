// What-if for the grade and check-suites benches: the live suites of a whole class in one
// vitest run (class-run.live.ts) instead of one runCheckSuites per student, with the same
// vitest options as checks/run.ts runCheckSuites (copied: keep in step). Returns each
// student's CheckRun, built by the same buildCheckRun as the product's reporter, so the
// statuses can be compared with the product's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckRun, Target } from '../../contract/report';
import type { Inventory } from '../../checks/inventory/types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLASS_SUITE = 'bench/lib/class-run.live.ts';

export interface ClassRunStudent {
  inventory: Inventory;
  target: Target;
}

export async function runClassSuites(students: readonly ClassRunStudent[]): Promise<Map<string, CheckRun>> {
  const [{ createVitest }, { DEFAULT_CHECK_CONFIG }, { buildCheckRun, summarizeDiscovery }] = await Promise.all([
    import('vitest/node'),
    import('../../checks/config'),
    import('../../checks/reporter/build-run'),
  ]);
  type Recorded = Parameters<typeof buildCheckRun>[0]['tests'][number];
  const tests = new Map<string, Recorded[]>(students.map((s) => [s.target.student, []]));
  const runErrors: string[] = [];
  const startedAt = new Date().toISOString();
  const reporter = {
    onTestCaseResult(testCase: {
      name: string;
      parent: { type: string; name?: string };
      meta(): { checkOutcome?: Recorded['outcome'] };
      result(): { state: string; errors?: readonly { message?: string }[] };
    }) {
      const student = testCase.parent.type === 'suite' ? (testCase.parent.name ?? '') : '';
      const result = testCase.result();
      tests.get(student)?.push({
        checkId: testCase.name,
        state: result.state as Recorded['state'],
        outcome: testCase.meta().checkOutcome,
        errors: (result.errors ?? []).map((e) => e.message ?? 'unknown error'),
      });
    },
    onTestRunEnd(_modules: unknown, unhandled: readonly { message?: string }[]) {
      for (const e of unhandled) runErrors.push(e.message ?? 'unknown error');
    },
  };
  const exitCode = process.exitCode;
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root: ROOT,
      include: [CLASS_SUITE],
      watch: false,
      reporters: [reporter],
      provide: { benchClassRun: { students: students.map((s) => ({ student: s.target.student, inventory: s.inventory })), config: DEFAULT_CHECK_CONFIG } } as never,
      pool: 'threads',
      isolate: false,
      fileParallelism: false,
      maxWorkers: 1,
      coverage: { enabled: false },
      typecheck: { enabled: false },
      passWithNoTests: false,
      cache: false,
      testTimeout: 10_000,
      silent: true,
    },
    { logLevel: 'silent', clearScreen: false, server: { watch: null } },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    process.exitCode = exitCode;
  }
  const finishedAt = new Date().toISOString();
  return new Map(
    students.map((s) => [
      s.target.student,
      buildCheckRun({ target: s.target, startedAt, finishedAt, discovery: summarizeDiscovery(s.inventory.discovery), tests: tests.get(s.target.student)!, runErrors }),
    ]),
  );
}
