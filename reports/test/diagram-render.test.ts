// The diagram as report.html and report.md show it: the report's language throughout, failed
// parts linked to their check's evidence, and names a student chose (hostile ones included)
// shown as text: escaped in the SVG, entity-coded in Mermaid, never closing a label or a fence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentMapOf } from '../../checks/inventory/deployment-map';
import { evaluateChecks } from '../../checks/rules/evaluate';
import type { CheckRun, DeploymentMap, Report } from '../../contract/report';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { manyDefects } from '../../fixtures/inventories/variants';
import { HOSTILE, HOSTILE_ALL, rdsFailoverDrill } from '../../fixtures/reports/sample-runs';
import { drillReport } from '../../commands/drill-report';
import { loadGradingInputs } from '../../commands/grading-inputs';
import { layoutOf } from '../diagram/layout';
import { diagramMermaid, mermaidText } from '../diagram/mermaid';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();

function reportOf(inventory: ReturnType<typeof referenceInventory>): Report {
  const run: CheckRun = {
    target: { kind: 'local', region: 'ap-northeast-2', accountId: '123456789012', student: 's01', emulated: true },
    startedAt: '2026-12-08T01:00:00.000Z',
    finishedAt: '2026-12-08T01:01:00.000Z',
    checks: evaluateChecks(inventory),
    deployment: deploymentMapOf(inventory),
  };
  return scoreRun(run, { rubric });
}

/** Every string of the placement replaced by a hostile one (ids, AZ names, ports, names). */
function hostile(map: DeploymentMap): DeploymentMap {
  const values = Object.values(HOSTILE);
  let i = 0;
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') return `${values[i++ % values.length]}${i}`;
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'tier' || k === 'role' || k === 'unread' ? v : swap(v)]));
    return value;
  };
  return swap(map) as DeploymentMap;
}

function section(html: string): string {
  const start = html.indexOf('<section id="diagram">');
  return html.slice(start, html.indexOf('</section>', start));
}

function mermaidBlock(md: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```\n/.exec(md);
  if (!match) throw new Error('no mermaid block');
  return match[1]!;
}

describe('the diagram in report.html', () => {
  it('speaks Korean by default and English with --lang en, one language at a time', () => {
    const report = reportOf(referenceInventory());
    const ko = section(RENDERERS.html.render(report, { lang: 'ko' }));
    const en = section(RENDERERS.html.render(report, { lang: 'en' }));
    for (const word of ['배포 구성도', 'RDS 기본', 'RDS 대기', 'Redis 복제본', '가용 영역', 'NAT 게이트웨이', '인터넷']) expect(ko).toContain(word);
    for (const word of ['Deployment diagram', 'RDS primary', 'RDS standby', 'Redis replica', 'Availability Zone', 'NAT gateway', 'Internet']) {
      expect(en).toContain(word);
      expect(ko).not.toContain(word);
    }
    expect(ko).toContain('data-testid="deployment-diagram"');
  });

  it('a failed resource is red, says which check failed it and links to that check’s evidence card', () => {
    const html = RENDERERS.html.render(reportOf(manyDefects()), { lang: 'en' });
    const db = /<g class="dg-node" data-resource="cloudmart-s01-db" data-status="fail"[^>]*data-check="rds.multi-az"[^>]*data-role="primary"[^>]*><a href="#(check-\d+)">/.exec(html);
    expect(db).not.toBeNull();
    expect(html).toMatch(new RegExp(`<details class="check fail" id="${db![1]}"[^>]*><summary>.*?<code>rds.multi-az</code>`));
    expect(section(html)).toContain('✗ rds.multi-az');
    expect(section(html)).toContain('stroke="#cf222e"');
  });

  it('the reference draws nothing red and nothing dashed', () => {
    const s = section(RENDERERS.html.render(reportOf(referenceInventory()), { lang: 'en' }));
    expect(s).not.toMatch(/data-status="(fail|error|missing)"/);
    expect(s).not.toContain('✗');
  });

  it('a report without placement says so in one line instead of drawing', () => {
    const report = reportOf(referenceInventory());
    delete report.deployment;
    const s = section(RENDERERS.html.render(report, { lang: 'ko' }));
    expect(s).toContain('data-testid="no-diagram"');
    expect(s).not.toContain('<svg');
  });

  it('hostile names from AWS are escaped in text and in every attribute', () => {
    const report = reportOf(referenceInventory());
    report.deployment = hostile(report.deployment!);
    report.target = { ...report.target, region: HOSTILE.attribute };
    const s = section(RENDERERS.html.render(report, { lang: 'ko' }));
    expect(s).toContain('<svg');
    expect(s).not.toContain('<script');
    expect(s).not.toContain('<img');
    expect(s).not.toContain(HOSTILE.singleQuote);
    expect(s).not.toContain(']]><x>');
    expect(s).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(s).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Every attribute value is one quoted value: no quote inside it.
    for (const attr of s.matchAll(/\s[a-z-]+="([^"]*)"/g)) expect(attr[1]).not.toMatch(/[<>']/);
  });
});

describe('the diagram in report.md (Mermaid)', () => {
  it('draws the same picture: one subgraph per AZ, failed parts in the fail class, empty slots dashed', () => {
    const md = RENDERERS.md.render(reportOf(manyDefects()), { lang: 'en' });
    const code = mermaidBlock(md);
    expect(code.startsWith('flowchart TB')).toBe(true);
    expect(code).toContain('subgraph z0["Availability Zone ap-northeast-2a"]');
    expect(code).toContain('subgraph z1["Availability Zone ap-northeast-2c"]');
    const failing = /class ([n\d,]+) fail$/m.exec(code)![1]!.split(',');
    const primary = /^\s+(n\d+)\["RDS primary<br\/>cloudmart-s01-db<br\/>✗ rds.multi-az/m.exec(code)![1]!;
    expect(failing).toContain(primary);
    const slot = /^\s+(n\d+)\(\["no standby DB in this AZ<br\/>✗ rds.multi-az"\]\)$/m.exec(code)![1]!;
    expect(/class ([n\d,]+) missingFail$/m.exec(code)![1]!.split(',')).toContain(slot);
    expect(code).toMatch(/linkStyle \d+ stroke:#cf222e/);
    // Each AZ's five boxes (ALB node, NAT, instance, DB, Redis) stacked top to bottom by invisible links.
    expect(code.match(/^\s+n\d+( ~~~ n\d+){4}$/gm)).toHaveLength(2);
  });

  it('Korean labels under --lang ko', () => {
    const code = mermaidBlock(RENDERERS.md.render(reportOf(referenceInventory()), { lang: 'ko' }));
    expect(code).toContain('RDS 대기');
    expect(code).toContain('가용 영역 ap-northeast-2c');
    expect(code).not.toContain('RDS standby');
  });

  it('hostile names become entity codes: every line is one of the shapes we write, and the fence holds', () => {
    const report = reportOf(referenceInventory());
    report.deployment = hostile(report.deployment!);
    const md = RENDERERS.md.render(report, { lang: 'en' });
    const code = mermaidBlock(md);
    const label = String.raw`"(?:[\p{L}\p{N} .,:/_()+\-✗·]|#\d+;|<br/>)*"`;
    const shapes = [
      /^flowchart TB$/,
      new RegExp(String.raw`^\s+subgraph \w+\[${label}\]$`, 'u'),
      /^\s+direction TB$/,
      /^\s+end$/,
      new RegExp(String.raw`^\s+(internet|n\d+)(\(\[${label}\]\)|\[${label}\])$`, 'u'),
      new RegExp(String.raw`^\s+(internet|n\d+) (-->|-\.->)(\|${label}\|)? n\d+$`, 'u'),
      /^\s+linkStyle \d+ stroke:#[0-9a-f]{6},stroke-width:2px$/,
      /^\s+n\d+( ~~~ n\d+)+$/,
      /^\s+classDef \w+ [a-z:#0-9,\- ]+$/,
      /^\s+class [n\d,]+ \w+$/,
    ];
    for (const line of code.split('\n')) expect(shapes.some((s) => s.test(line)), line).toBe(true);
    expect(code).not.toContain('<script');
    expect(code).not.toContain('`');
    // The fence opens once and closes once: nothing after it became code.
    expect(md.match(/^```/gm)).toHaveLength(2);
  });

  it('mermaidText keeps letters, digits and plain punctuation and codes everything else', () => {
    expect(mermaidText('cloudmart-s01-db (2a)')).toBe('cloudmart-s01-db (2a)');
    expect(mermaidText('학생 DB')).toBe('학생 DB');
    expect(mermaidText('a"b<c>|[d]{e};#f`\n')).toBe('a#34;b#60;c#62;#124;#91;d#93;#123;e#125;#59;#35;f#96; ');
    // Control characters are shown as their pictures (U+2400 block), never passed on.
    expect(mermaidText('bell\u0007 esc\u001b')).toBe('bell#9223; esc#9243;');
    expect(mermaidText(HOSTILE_ALL)).not.toMatch(/["<>`|[\]{}\n]/);
  });

  it('a report without placement says so instead of an empty block', () => {
    const report = reportOf(referenceInventory());
    delete report.deployment;
    const md = RENDERERS.md.render(report, { lang: 'en' });
    expect(md).not.toContain('```mermaid');
    expect(md).toContain('carries no placement');
    expect(layoutOf(report)).toBeUndefined();
    expect(() => diagramMermaid(layoutOf(reportOf(referenceInventory()))!, 'en')).not.toThrow();
  });
});

describe('the diagram in the reports a drill writes', () => {
  const target = { student: 's01', region: 'ap-northeast-2' };

  it('a drill added to a verify report keeps the placement: the rescored report still draws the deployment', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cloudmart-diagram-drill-'));
    try {
      const before = reportOf(referenceInventory());
      writeFileSync(path.join(out, 'report.json'), JSON.stringify(before));
      const { report, files } = drillReport({ drill: rdsFailoverDrill({ writeGapMs: 20_000 }), out, lang: 'en', grading: loadGradingInputs({}), target });
      expect(report.drills).toHaveLength(1);
      expect(report.deployment).toEqual(before.deployment);
      expect(files.find((f) => f.path.endsWith('report.html'))!.content).toContain('data-testid="deployment-diagram"');
      expect(files.find((f) => f.path.endsWith('report.md'))!.content).toContain('```mermaid');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a report of a drill alone has no diagram section at all', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cloudmart-diagram-drill-'));
    try {
      const { files } = drillReport({ drill: rdsFailoverDrill({ writeGapMs: 20_000 }), out, lang: 'en', grading: loadGradingInputs({}), target });
      expect(files.find((f) => f.path.endsWith('report.html'))!.content).not.toContain('id="diagram"');
      expect(files.find((f) => f.path.endsWith('report.md'))!.content).not.toContain('Deployment diagram');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
