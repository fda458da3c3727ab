// The shape of a bench case and of bench/results.json.

export interface BenchTarget {
  name: string;
  /** Human-readable target, e.g. "<= 1.30". */
  target: string;
  actual: string;
  met: boolean;
}

export interface BenchOutcome {
  /** The figures, flat or nested; units in the key names (wallMs, peakRssMiB, reqPerSec...). */
  results: Record<string, unknown>;
  targets: BenchTarget[];
  notes?: string[];
}

export interface BenchCase {
  name: string;
  description: string;
  run(): Promise<BenchOutcome>;
}

export interface BenchRecord extends BenchOutcome {
  name: string;
  measuredAt: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; platform: string };
}

export interface BenchResultsFile {
  schemaVersion: 1;
  latest: Record<string, BenchRecord>;
  history: BenchRecord[];
}
