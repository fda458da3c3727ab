// `npm run bench -- --only diagram`: what the deployment diagram (issue 17) costs a report.
// - reference: one student's diagram, laid out (reports/diagram/layout.ts) and drawn as SVG and
//   as Mermaid, and the whole report.html + report.md with it, for scale;
// - a class of 30: the diagrams of 30 students' reports (reference, many defects, no Redis,
//   console-built, in turn), as grade renders each student's report.
// The reports are built once from the recorded inventories (the real checks, scored); only the
// rendering is timed.
import { deploymentMapOf } from '../../checks/inventory/deployment-map';
import { evaluateChecks } from '../../checks/rules/evaluate';
import type { CheckRun, Report } from '../../contract/report';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { consoleBuilt, manyDefects, withoutRedis } from '../../fixtures/inventories/variants';
import { layoutOf } from '../../reports/diagram/layout';
import { diagramMermaid } from '../../reports/diagram/mermaid';
import { diagramSvg } from '../../reports/diagram/svg';
import { RENDERERS } from '../../reports/render/index';
import { defaultRubric } from '../../reports/rubric/rubric';
import { scoreRun } from '../../reports/score/score-run';
import { spread } from '../lib/summary';
import type { BenchCase } from '../types';

const RUNS = 60;
const CLASS_RUNS = 10;
const CLASS_SIZE = 30;
/** Targets: a diagram must not be what makes a report slow (verify's whole run is under 3 s). */
const REFERENCE_TARGET_MS = 10;
const CLASS_TARGET_MS = 300;

function reportOf(inventory: ReturnType<typeof referenceInventory>, student: string): Report {
  const run: CheckRun = {
    target: { kind: 'local', region: 'ap-northeast-2', accountId: '123456789012', student, emulated: true },
    startedAt: '2026-12-08T01:00:00.000Z',
    finishedAt: '2026-12-08T01:01:00.000Z',
    checks: evaluateChecks(inventory),
    deployment: deploymentMapOf(inventory),
  };
  return scoreRun(run, { rubric: defaultRubric() });
}

/** Lays out and draws one report's diagram in both forms; returns the characters drawn (so nothing is optimised away). */
function drawDiagram(report: Report): number {
  const model = layoutOf(report)!;
  return diagramSvg(model, { lang: 'ko', hrefOf: (id) => `#${id}` }).length + diagramMermaid(model, 'ko').length;
}

function sample(runs: number, fn: () => number): number[] {
  const out: number[] = [];
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    sink += fn();
    out.push(performance.now() - started);
  }
  if (sink === 0) throw new Error('nothing was drawn');
  return out;
}

const diagramCase: BenchCase = {
  name: 'diagram',
  description: 'deployment diagram (SVG + Mermaid) for the reference report and for a class of 30',
  async run() {
    const reference = reportOf(referenceInventory(), 's01');
    const variants = [referenceInventory, manyDefects, withoutRedis, consoleBuilt];
    const inventories = variants.map((make) => make());
    const classReports = Array.from({ length: CLASS_SIZE }, (_, i) => reportOf(inventories[i % inventories.length]!, `s${String(i + 1).padStart(2, '0')}`));
    // Warm-up: the first call pays for the JIT.
    for (let i = 0; i < 5; i++) drawDiagram(reference);

    const one = spread(sample(RUNS, () => drawDiagram(reference)), 2);
    const withReport = spread(sample(RUNS, () => RENDERERS.html.render(reference, { lang: 'ko' }).length + RENDERERS.md.render(reference, { lang: 'ko' }).length), 2);
    const withoutPlacement: Report = { ...reference };
    delete withoutPlacement.deployment;
    const reportOnly = spread(sample(RUNS, () => RENDERERS.html.render(withoutPlacement, { lang: 'ko' }).length + RENDERERS.md.render(withoutPlacement, { lang: 'ko' }).length), 2);
    const klass = spread(sample(CLASS_RUNS, () => classReports.reduce((n, r) => n + drawDiagram(r), 0)), 1);

    return {
      results: {
        referenceDiagramMs: one,
        referenceHtmlAndMdWithDiagramMs: withReport,
        referenceHtmlAndMdWithoutDiagramMs: reportOnly,
        class30DiagramsMs: klass,
        svgBytes: diagramSvg(layoutOf(reference)!, { lang: 'ko', hrefOf: (id) => `#${id}` }).length,
        mermaidBytes: diagramMermaid(layoutOf(reference)!, 'ko').length,
      },
      targets: [
        { name: 'reference diagram (layout + SVG + Mermaid), median', target: `<= ${REFERENCE_TARGET_MS} ms`, actual: `${one.median} ms`, met: one.median <= REFERENCE_TARGET_MS },
        { name: '30 students’ diagrams, median', target: `<= ${CLASS_TARGET_MS} ms`, actual: `${klass.median} ms`, met: klass.median <= CLASS_TARGET_MS },
      ],
      notes: [`${RUNS} runs for the reference, ${CLASS_RUNS} for the class; the reports are built once from fixtures/inventories (real checks, default rubric)`],
    };
  },
};

export default diagramCase;
