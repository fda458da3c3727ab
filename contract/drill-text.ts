// A drill result's words in the reader's language. Results carry English fields and, beside
// them, Korean ones (nameKo, notesKo...); older results have English only. One reading of them
// for every place that shows a drill: the CLI's verdict and every report format.
import type { Bilingual, DrillCriterion, DrillResult } from './report';

/** A drill criterion's name, expected and measured value in the reader's language (Korean absent in older results: English). */
export function criterionOf(lang: 'ko' | 'en', c: DrillCriterion): { name: string; expected: string; actual: string } {
  if (lang === 'en') return { name: c.name, expected: c.expected, actual: c.actual };
  return { name: c.nameKo || c.name, expected: c.expectedKo || c.expected, actual: c.actualKo || c.actual };
}

/** A drill's notes in both languages: notesKo when it has one Korean note per English note, else English for both. */
export function drillNotes(drill: Pick<DrillResult, 'notes' | 'notesKo'>): Bilingual[] {
  const ko = drill.notesKo?.length === drill.notes.length ? drill.notesKo : undefined;
  return drill.notes.map((en, i) => ({ ko: ko?.[i] || en, en }));
}
