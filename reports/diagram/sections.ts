// The diagram's section in each report format that shows it: report.html (inline SVG) and
// report.md (Mermaid). A report without placement (made before issue 17) says so in one line.
import type { CheckEntry, Report } from '../../contract/report';
import { escapeHtml as h, escapeMarkdown as m } from '../render/escape';
import type { Lang } from '../render/i18n';
import { isDrillId } from '../rubric/rubric';
import { layoutOf } from './layout';
import { diagramMermaid } from './mermaid';
import { diagramSvg } from './svg';
import { DIAGRAM_WORDS as W } from './words';

/** The HTML section; `anchorOf` names the element id of a check's card (its evidence). */
export function diagramHtmlSection(report: Report, lang: Lang, anchorOf: (check: CheckEntry) => string | undefined): string {
  if (drillsOnly(report)) return '';
  const model = layoutOf(report);
  const anchors = new Map(report.checks.map((c) => [c.id, anchorOf(c)]));
  const body = model
    ? `<p class="small muted">${h(W.hint[lang])}</p>${diagramSvg(model, { lang, hrefOf: (id) => (anchors.get(id) ? `#${anchors.get(id)}` : undefined) })}`
    : `<p class="muted" data-testid="no-diagram">${h(W.noPlacement[lang])}</p>`;
  return `<section id="diagram"><h2>${h(W.heading[lang])}</h2>${body}</section>`;
}

/** The Markdown lines: a heading and a ```mermaid block (GitHub and GitLab draw it). */
export function diagramMarkdownLines(report: Report, lang: Lang): string[] {
  if (drillsOnly(report)) return [];
  const model = layoutOf(report);
  if (!model) return [`### ${m(W.heading[lang])}`, '', m(W.noPlacement[lang]), ''];
  return [`### ${m(W.heading[lang])}`, '', m(W.mermaidNote[lang]), '', '```mermaid', diagramMermaid(model, lang), '```', ''];
}

/** A report of a drill alone (`drill` without a verify report to join) has no deployment to draw and says nothing about it. */
function drillsOnly(report: Report): boolean {
  return !report.deployment && report.checks.every((c) => isDrillId(c.id));
}
