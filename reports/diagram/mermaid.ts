// The deployment diagram as a Mermaid flowchart for report.md (GitHub and GitLab draw it): the
// same model as the SVG, one subgraph per AZ inside the VPC, failed parts styled red, empty
// slots dashed. Node ids are generated (n1, n2...), never taken from AWS; every label is quoted
// and every character Mermaid or Markdown could read as syntax is written as a Mermaid entity
// code (#60; for <), so a resource name cannot close a label, start a link or inject HTML.
import type { Bilingual } from '../../contract/report';
import { visibleControls } from '../render/escape';
import type { Lang } from '../render/i18n';
import type { DiagramStatus, Judgement } from './judges';
import type { DiagramModel, DiagramNode, DiagramPath, Row } from './layout';
import { DIAGRAM_WORDS as W } from './words';

/** A label for inside Mermaid's quotes: letters, digits and plain punctuation as they are, anything else as #<code>; */
export function mermaidText(value: string): string {
  let out = '';
  // Control characters first become visible pictures (␛), as in every other format.
  for (const ch of visibleControls(value, true)) out += /[\p{L}\p{N} .,:/_()+\-✗·]/u.test(ch) && !/[\p{Cc}\p{Cf}]/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

const CLASS_DEFS = [
  'classDef pass fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  'classDef fail fill:#ffebe9,stroke:#cf222e,stroke-width:3px,color:#1f2328',
  'classDef error fill:#fff1e5,stroke:#b35900,stroke-width:3px,color:#1f2328',
  'classDef missing fill:#ffffff,stroke:#6e7781,stroke-dasharray:5 5,color:#59636e',
  'classDef missingFail fill:#ffffff,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#cf222e',
];

const EDGE_COLOUR: Record<DiagramStatus, string> = { pass: '#1a7f37', fail: '#cf222e', error: '#b35900', missing: '#6e7781' };

function classOf(j: Judgement): string {
  if (j.status === 'missing') return j.culprit ? 'missingFail' : 'missing';
  return j.status;
}

/** The Mermaid source (without the ``` fence). */
export function diagramMermaid(model: DiagramModel, lang: Lang): string {
  const say = (t: Bilingual) => t[lang];
  const lines: string[] = ['flowchart TB'];
  const classes = new Map<string, string[]>();
  let counter = 0;
  const ids = new Map<string, string>();
  const idOf = (n: DiagramNode) => {
    let id = ids.get(n.key);
    if (!id) {
      id = `n${++counter}`;
      ids.set(n.key, id);
    }
    return id;
  };
  const declare = (n: DiagramNode, indent: string) => {
    const id = idOf(n);
    const parts = [say(n.label), n.slot && n.slot !== n.label ? say(n.slot) : n.name];
    if (n.judgement.culprit && n.judgement.status !== 'pass') parts.push(`✗ ${n.judgement.culprit.id}`);
    for (const b of n.badges) parts.push(`${say(b.kind === 'alarm' ? W.alarmBadge : W.backupBadge)}: ${say(W.status[b.judgement.status])}`);
    const label = parts.filter(Boolean).map(mermaidText).join('<br/>');
    lines.push(`${indent}${id}${n.slot ? `(["${label}"])` : `["${label}"]`}`);
    const cls = classOf(n.judgement);
    classes.set(cls, [...(classes.get(cls) ?? []), id]);
  };

  lines.push(`  internet(["${mermaidText(say(W.internet))}"])`);
  lines.push(`  subgraph region["${mermaidText(`${say(W.region)} ${model.region}`)}"]`);
  for (const n of model.edge) declare(n, '    ');
  lines.push(`    subgraph vpc["VPC"]`);
  for (const row of model.rows) for (const g of row.groups) declare(g, '      ');
  model.zones.forEach((zone, zi) => {
    lines.push(`      subgraph z${zi}["${mermaidText(`${say(W.zone)} ${zone.placeholder ? say(W.noZone) : zone.name}`)}"]`);
    lines.push('        direction TB');
    for (const row of model.rows) for (const n of row.cells[zi] ?? []) declare(n, '        ');
    lines.push('      end');
  });
  lines.push('    end');
  lines.push(`    subgraph monitoring["${mermaidText(say(W.monitoring))}"]`);
  for (const n of model.monitoring) declare(n, '      ');
  lines.push('    end');
  lines.push('  end');

  // Edges: the frontend, then the security-group paths between the first node of each tier.
  const edges: { line: string; colour?: string }[] = [];
  const distributions = model.edge.filter((n) => n.kind === 'distribution');
  const buckets = model.edge.filter((n) => n.kind === 'bucket');
  if (distributions[0]) edges.push({ line: `  internet --> ${idOf(distributions[0])}` });
  if (distributions[0] && buckets[0]) edges.push({ line: `  ${idOf(distributions[0])} --> ${idOf(buckets[0])}` });
  const first = (row: Row) => {
    const r = model.rows.find((x) => x.row === row)!;
    return r.groups[0] ?? r.cells.flat().find((n) => n.kind !== 'nat') ?? r.cells.flat()[0];
  };
  for (const p of model.paths) {
    const to = first(p.to);
    const from = p.from === 'internet' ? 'internet' : first(p.from) ? idOf(first(p.from)!) : undefined;
    if (!to || !from) continue;
    edges.push({ line: `  ${from} ${arrowOf(p)} ${idOf(to)}`, colour: EDGE_COLOUR[p.judgement.status === 'missing' && p.judgement.culprit ? 'fail' : p.judgement.status] });
  }
  lines.push(...edges.map((e) => e.line));
  // Invisible links stack each AZ's boxes top to bottom (public, app, DB, cache), as the seed draws
  // the tiers; they come after the visible edges so that linkStyle's numbers stay those above.
  model.zones.forEach((_, zi) => {
    const column = model.rows.flatMap((row) => row.cells[zi] ?? []).map(idOf);
    if (column.length > 1) lines.push(`  ${column.join(' ~~~ ')}`);
  });
  edges.forEach((e, i) => {
    if (e.colour) lines.push(`  linkStyle ${i} stroke:${e.colour},stroke-width:2px`);
  });
  lines.push(...CLASS_DEFS.map((c) => `  ${c}`));
  for (const [cls, members] of classes) lines.push(`  class ${members.join(',')} ${cls}`);
  return lines.join('\n');
}

function arrowOf(p: DiagramPath): string {
  const text = [p.label, p.judgement.culprit && p.judgement.status !== 'pass' ? `✗ ${p.judgement.culprit.id}` : ''].filter(Boolean).join(' ');
  const shaft = p.exposure || p.judgement.status === 'missing' ? '-.->' : '-->';
  return text ? `${shaft}|"${mermaidText(text)}"|` : shaft;
}
