// `drill --import-k6 FILE`: a k6 end-of-test summary as a DrillResult (source 'k6'), for
// instructors who run the load and probes with k6. Two documented formats are read:
// - the data k6 passes to handleSummary() ("Custom summary" in the k6 docs), as our
//   scripts in load/k6/ write it (plus a `cloudmart` block naming the drill);
// - the older `k6 run --summary-export` file, whose thresholds map to `true` when the
//   threshold FAILED (k6 issue #1498 / k6-docs issue #30).
// The verdict is k6's thresholds; what k6 cannot see (the AWS side) is said in the notes.
import { DrillResult, DRILL_KINDS, type DrillCriterion, type DrillKind } from '../contract/report';
import { UsageError } from '../contract/errors';

interface MetricEntry {
  type?: string;
  contains?: string;
  values: Record<string, number>;
  /** expression -> passed */
  thresholds: Record<string, boolean>;
}

interface CloudmartBlock {
  kind?: string;
  appUrl?: string;
  startedAt?: string;
  finishedAt?: string;
  target?: string;
}

const NOT_MEASURED: Record<DrillKind, string> = {
  'scale-out': 'k6 measured the offered load and what users saw; whether the ASG scaled out (desired capacity above the minimum, new instances InService and healthy in >= 2 AZs) was not measured by k6: run `drill scale-out` or read the ASG activity history.',
  'rds-failover': 'k6 measured the write gap from the commit times; it cannot check that no acknowledged write was lost, nor the AZ swap and the RDS failover events: run `drill rds-failover` for those criteria.',
  'redis-failover': 'k6 measured the error rate of the cached reads; the promotion of the replica and the ElastiCache events were not measured by k6: run `drill redis-failover` for those.',
  'instance-loss': 'k6 measured what users saw; the ASG replacing the instance and the target health were not measured by k6: run `drill instance-loss` for those.',
  restore: 'k6 cannot restore a database: the restore time (RTO) and the data it kept (RPO) were not measured by k6: run `drill restore` for those.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readMetrics(document: Record<string, unknown>): { metrics: Record<string, MetricEntry>; format: 'handleSummary' | 'summary-export' } {
  if (!isRecord(document.metrics)) throw new UsageError({ ko: '이 파일은 k6 요약이 아닙니다: "metrics" 객체가 없습니다.', en: 'The file is not a k6 summary: it has no "metrics" object.' });
  const entries = Object.entries(document.metrics);
  if (entries.length === 0) throw new UsageError({ ko: 'k6 요약에 지표가 없습니다. 테스트가 실행되기는 했나요?', en: 'The k6 summary has no metrics; did the test run at all?' });
  const handleSummary = entries.some(([, m]) => isRecord(m) && isRecord(m.values));
  const metrics: Record<string, MetricEntry> = {};
  for (const [name, raw] of entries) {
    if (!isRecord(raw)) continue;
    const values: Record<string, number> = {};
    const source = handleSummary ? (isRecord(raw.values) ? raw.values : {}) : raw;
    for (const [key, value] of Object.entries(source)) if (typeof value === 'number' && Number.isFinite(value)) values[key] = value;
    const thresholds: Record<string, boolean> = {};
    if (isRecord(raw.thresholds)) {
      for (const [expression, result] of Object.entries(raw.thresholds)) {
        if (handleSummary && isRecord(result) && typeof result.ok === 'boolean') thresholds[expression] = result.ok;
        // --summary-export: true means the threshold was crossed (failed).
        else if (!handleSummary && typeof result === 'boolean') thresholds[expression] = !result;
        else throw new UsageError({ ko: `k6 요약의 ${name} 임계값 "${expression}"의 형식을 알 수 없습니다.`, en: `The k6 summary's threshold "${expression}" on ${name} has an unexpected form.` });
      }
    }
    metrics[name] = { ...(typeof raw.type === 'string' ? { type: raw.type } : {}), ...(typeof raw.contains === 'string' ? { contains: raw.contains } : {}), values, thresholds };
  }
  return { metrics, format: handleSummary ? 'handleSummary' : 'summary-export' };
}

/** The value a threshold expression looks at: p(95), rate, count, avg, max, value... */
function thresholdValue(expression: string, values: Record<string, number>): number | undefined {
  const aggregate = /^\s*(p\([\d.]+\)|[a-z]+)/i.exec(expression)?.[1];
  if (!aggregate) return undefined;
  if (aggregate in values) return values[aggregate];
  // --summary-export names the median "med" and a rate "value".
  if (aggregate === 'rate') return values.value ?? values.rate;
  return undefined;
}

function inferKind(metrics: Record<string, MetricEntry>): DrillKind | undefined {
  if ('write_gap_ms' in metrics || 'writes_acknowledged' in metrics) return 'rds-failover';
  if ('read_served' in metrics || 'cache_bypass' in metrics) return 'redis-failover';
  if ('dropped_iterations' in metrics) return 'scale-out';
  return undefined;
}

export interface ImportK6Options {
  /** The drill the summary belongs to, when the file does not say. */
  kind?: DrillKind;
  /** For the notes. */
  fileName?: string;
  /** When the file carries no times: when it was written (e.g. its mtime). */
  fallbackFinishedAt?: Date;
}

export function importK6Summary(document: unknown, options: ImportK6Options = {}): DrillResult {
  if (!isRecord(document)) throw new UsageError({ ko: '이 파일은 k6 요약이 아닙니다: JSON 객체가 아닙니다.', en: 'The file is not a k6 summary: it is not a JSON object.' });
  if ('version' in document && 'results' in document && !('metrics' in document)) {
    throw new UsageError({
      ko: 'k6의 새 기계 판독용 요약(--new-machine-readable-summary)은 아직 지원하지 않습니다. load/k6/처럼 handleSummary()로, 또는 --summary-export로 요약을 쓰세요.',
      en: 'This is k6\'s new machine-readable summary (--new-machine-readable-summary), which is not supported yet; write the summary with handleSummary() as load/k6/ does, or with --summary-export.',
    });
  }
  const { metrics, format } = readMetrics(document);
  const block: CloudmartBlock = isRecord(document.cloudmart) ? (document.cloudmart as CloudmartBlock) : {};
  const declared = block.kind && (DRILL_KINDS as readonly string[]).includes(block.kind) ? (block.kind as DrillKind) : undefined;
  const kind = options.kind ?? declared ?? inferKind(metrics);
  if (!kind) {
    throw new UsageError({
      ko: 'k6 요약에 어느 드릴의 것인지 나와 있지 않습니다. 드릴 종류를 지정하세요(예: `drill scale-out --import-k6 파일`).',
      en: 'The k6 summary does not say which drill it belongs to; pass the drill kind (e.g. `drill scale-out --import-k6 FILE`).',
    });
  }

  const state = isRecord(document.state) ? document.state : {};
  const durationMs = typeof state.testRunDurationMs === 'number' ? state.testRunDurationMs : undefined;
  const finishedAt = block.finishedAt && !Number.isNaN(Date.parse(block.finishedAt)) ? new Date(block.finishedAt) : (options.fallbackFinishedAt ?? new Date());
  const startedAt = block.startedAt && !Number.isNaN(Date.parse(block.startedAt)) ? new Date(block.startedAt) : new Date(finishedAt.getTime() - (durationMs ?? 0));

  const criteria: DrillCriterion[] = [];
  for (const [name, metric] of Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [expression, passed] of Object.entries(metric.thresholds)) {
      const value = thresholdValue(expression, metric.values);
      criteria.push({ name: `k6 threshold ${name}`, expected: expression, actual: value === undefined ? 'not in the summary' : `${Math.round(value * 1000) / 1000}`, pass: passed });
    }
  }
  const headline: Record<string, number | null> = {};
  const pick = (metric: string, stat: string, key: string): void => {
    const value = metrics[metric]?.values[stat];
    if (value !== undefined) headline[key] = Math.round(value * 1000) / 1000;
  };
  pick('http_reqs', 'count', 'requests');
  pick('http_reqs', 'rate', 'requestsPerSecond');
  pick('http_req_failed', format === 'handleSummary' ? 'rate' : 'value', 'errorRate');
  pick('http_req_duration', 'med', 'p50Ms');
  pick('http_req_duration', 'p(95)', 'p95Ms');
  pick('http_req_duration', 'p(99)', 'p99Ms');
  pick('dropped_iterations', 'count', 'droppedIterations');
  pick('write_gap_ms', 'max', 'writeGapMs');
  pick('writes_acknowledged', 'count', 'acknowledgedWrites');
  pick('writes_committed', 'count', 'committedWrites');
  pick('read_served', format === 'handleSummary' ? 'rate' : 'value', 'readServedRate');
  pick('cache_bypass', 'count', 'cacheBypass');
  if (kind === 'rds-failover') headline.lostWrites = null;

  const failed = criteria.filter((c) => !c.pass);
  const status: DrillResult['status'] = criteria.length === 0 ? 'error' : failed.length === 0 ? 'pass' : 'fail';
  const where = options.fileName ? ` (${options.fileName})` : '';
  return DrillResult.parse({
    id: `drill.${kind}`,
    kind,
    target: block.target === 'local' ? 'local' : 'aws',
    simulated: false,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    status,
    verdict: {
      summary:
        status === 'error'
          ? { ko: 'k6 요약에 임계값(threshold)이 없어 판정할 수 없습니다.', en: 'The k6 summary has no thresholds, so there is nothing to judge.' }
          : status === 'pass'
            ? { ko: `k6 임계값 ${criteria.length}개 모두 통과.`, en: `All ${criteria.length} k6 thresholds passed.` }
            : { ko: `k6 임계값 ${criteria.length}개 중 ${failed.length}개 실패: ${failed.map((c) => `${c.name.replace('k6 threshold ', '')} ${c.expected}`).join(', ')}.`, en: `${failed.length} of ${criteria.length} k6 thresholds failed: ${failed.map((c) => `${c.name.replace('k6 threshold ', '')} ${c.expected}`).join(', ')}.` },
      criteria,
    },
    metrics: headline,
    series: [],
    timeline: [
      { t: 0, at: startedAt.toISOString(), kind: 'phase', message: `k6 run started${block.appUrl ? ` against ${block.appUrl}` : ''}` },
      { t: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10, at: finishedAt.toISOString(), kind: 'phase', message: 'k6 run finished' },
    ],
    notes: [
      `Imported from a k6 end-of-test summary${where} (${format === 'handleSummary' ? 'handleSummary data' : '--summary-export format'}): k6 reports totals, so there is no per-second series and no AWS timeline.`,
      NOT_MEASURED[kind],
    ],
    source: 'k6',
  });
}
