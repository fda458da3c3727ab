// `npm run bench`: runs every bench case (bench/cases/*.bench.ts, or those named with
// --only a,b) and records the figures in bench/results.json. The latest figures of each
// case sit under `latest`; every run is also appended to `history`, with the machine it
// ran on, so figures from different days stay comparable.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase, BenchRecord, BenchResultsFile } from './types';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'results.json');
const MAX_HISTORY = 200;

function machine(): BenchRecord['machine'] {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

function load(): BenchResultsFile {
  if (!existsSync(RESULTS)) return { schemaVersion: 1, latest: {}, history: [] };
  return JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResultsFile;
}

function save(results: BenchResultsFile): void {
  const tmp = `${RESULTS}.tmp`;
  writeFileSync(tmp, JSON.stringify(results, null, 2) + '\n');
  renameSync(tmp, RESULTS);
}

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',').filter(Boolean)) : undefined;

const files = readdirSync(path.join(HERE, 'cases')).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = false;
for (const file of files) {
  const benchCase = (await import(pathToFileURL(path.join(HERE, 'cases', file)).href)).default as BenchCase;
  if (only && !only.has(benchCase.name)) continue;
  process.stdout.write(`\n== bench ${benchCase.name}: ${benchCase.description}\n`);
  try {
    const outcome = await benchCase.run();
    const record: BenchRecord = { name: benchCase.name, measuredAt: new Date().toISOString(), machine: machine(), ...outcome };
    // Save after every case, so a crash later keeps what was measured.
    const results = load();
    results.latest[benchCase.name] = record;
    results.history = [...results.history, record].slice(-MAX_HISTORY);
    save(results);
    for (const target of record.targets) {
      process.stdout.write(`  ${target.met ? 'met   ' : 'MISSED'} ${target.name}: ${target.actual} (target ${target.target})\n`);
    }
  } catch (error) {
    failed = true;
    process.stderr.write(`bench ${benchCase.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}
process.stdout.write(`\nresults: ${path.relative(process.cwd(), RESULTS)}\n`);
process.exit(failed ? 1 : 0);
