// The rules of the house from ../shared/spec/architecture.md, enforced on the source:
// data flows one way, so nothing upstream imports from downstream.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

// Which top-level folders each folder's product code may import from (itself always).
const ALLOWED: Record<string, string[]> = {
  contract: [],
  stacks: ['contract'],
  checks: ['contract', 'stacks'],
  // Cleanup deletes resources: it sits beside the read-only checks/, reusing its discovery.
  cleanup: ['contract', 'checks'],
  // sandbox: the local rehearsal runs on the sandbox's PostgreSQL and Redis servers and ports.
  load: ['contract', 'checks', 'stacks', 'sandbox'],
  reports: ['contract'],
  // What users run without AWS (emulator, scenarios, local servers, `npm run api`): scenarios
  // build the reference stacks' names and ports, the API launcher runs stacks/workload.
  sandbox: ['contract', 'stacks'],
  // Test data only (inventories, recorded responses, report samples); product code never
  // imports it. checks: the report fixtures (fixtures/reports) carry the real checks' remediation.
  fixtures: ['contract', 'checks'],
  commands: ['contract', 'stacks', 'checks', 'cleanup', 'load', 'reports', 'sandbox'],
  cli: ['contract', 'commands', 'sandbox'],
  // The CloudShell package (npm run build): bundles cli/, and stands in for what it leaves out
  // (the vitest live suites, the emulator, the local rehearsal's servers) with the same exports.
  package: ['contract', 'checks', 'load', 'sandbox', 'cli'],
  // fixtures: the benchmarks time the checks on the test inventories.
  bench: ['contract', 'stacks', 'checks', 'cleanup', 'load', 'reports', 'sandbox', 'fixtures', 'commands', 'package'],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'out' || name === 'dist' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name === 'test') continue; // tests may reach anywhere to set things up
      out.push(...sourceFiles(full));
    } else if (/\.(ts|mts)$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.'));
}

function violations(folder: string, file: string, text?: string): string[] {
  const allowed = ALLOWED[folder]!;
  return importsOf(file, text)
    .filter((spec) => {
      const target = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0]!;
      return !(target === folder || target === 'package.json' || allowed.includes(target));
    })
    .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`);
}

describe('house rules', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only from ${[folder, ...allowed].join(', ')}`, () => {
      let dir: string;
      try {
        dir = path.join(ROOT, folder);
        statSync(dir);
      } catch {
        return;
      }
      expect(sourceFiles(dir).flatMap((file) => violations(folder, file))).toEqual([]);
    });
  }

  it('catches a checks/ file that imports reports/ (the rule can fail)', () => {
    const file = path.join(ROOT, 'checks/rules/example.ts');
    const text = "import { score } from '../../reports/score';\nimport type { Report } from '../../contract/report';\n";
    expect(violations('checks', file, text)).toEqual(['checks/rules/example.ts imports ../../reports/score']);
  });

  it('catches a checks/ file that imports cleanup/ (checks/ stays read-only)', () => {
    const file = path.join(ROOT, 'checks/iam/example.ts');
    const text = "import { DELETE_OPERATIONS } from '../../cleanup/deleters/index';\nimport { OPERATIONS } from '../collectors/rds';\n";
    expect(violations('checks', file, text)).toEqual(['checks/iam/example.ts imports ../../cleanup/deleters/index']);
  });

  it('catches product code that imports test data from fixtures/ (the rule can fail)', () => {
    const file = path.join(ROOT, 'commands/example.ts');
    const text = "import { referenceInventory } from '../fixtures/inventories/reference';\nimport { startEmulator } from '../sandbox/emulator/emulator';\n";
    expect(violations('commands', file, text)).toEqual(['commands/example.ts imports ../fixtures/inventories/reference']);
  });

  it('catches a sandbox/ file that imports checks/ (the sandbox emulates AWS, it does not judge it)', () => {
    const file = path.join(ROOT, 'sandbox/scenarios/example.ts');
    const text = "import { collect } from '../../checks/collect';\nimport { PORTS } from '../../stacks/config';\n";
    expect(violations('sandbox', file, text)).toEqual(['sandbox/scenarios/example.ts imports ../../checks/collect']);
  });

  // checks/aws/sdk.ts says why: import() of the SDK's CommonJS bundles costs a verify run ~300 ms.
  const SDK_VALUE_IMPORT = /import\s+\{([^}]*)\}\s+from\s+['"]@aws-sdk\//g;
  const sdkValueImports = (text: string) =>
    [...text.matchAll(SDK_VALUE_IMPORT)].filter((m) => m[1]!.split(',').some((n) => n.trim() && !n.trim().startsWith('type '))).length;

  it('checks/, cleanup/ and load/ take AWS SDK values through awsSdk() (require), importing only types', () => {
    const offenders = ['checks', 'cleanup', 'load'].flatMap((folder) =>
      sourceFiles(path.join(ROOT, folder)).filter((file) => sdkValueImports(readFileSync(file, 'utf8')) > 0).map((file) => path.relative(ROOT, file)),
    );
    expect(offenders).toEqual([]);
  });

  it('catches a value import from the SDK (the rule can fail)', () => {
    expect(sdkValueImports("import { EC2Client, type Vpc } from '@aws-sdk/client-ec2';")).toBe(1);
    expect(sdkValueImports("import type { Vpc } from '@aws-sdk/client-ec2';\nimport { type Subnet } from '@aws-sdk/client-ec2';")).toBe(0);
  });
});
