// What commands/ uses from reports/: scoring, waivers, renderers, the class report (grading a class is commands/grade-class.ts).
export { assertRubricKnowsChecks, defaultRubric, loadRubric, parseRubric, rubricWaiverKeyPath, type Rubric } from './rubric/rubric';
export { scoreRun, type ScoreOptions } from './score/score-run';
export { applyWaivers, openWaivers, type IgnoredWaiver, type WaiverSet } from './waivers/apply';
export { canonicalWaiverPayload, generateInstructorKeys, keyIdOf, loadPublicKey, signWaivers, verifyWaiverFile } from './waivers/signing';
export { parseWaiverFile, serializeWaiverFile, type WaiverEntry, type WaiverFile } from './waivers/waiver-file';
export { parseFormats, RENDERERS, REPORT_FORMATS, renderReportFiles, type RenderedFile, type Renderer, type ReportFormat } from './render/index';
export { renderConsoleSummary } from './render/console';
export type { Lang } from './render/i18n';
export { assertTimeZone, DEFAULT_TIME_ZONE, formatTime } from './render/time';
export { stampTexts } from './render/stamps';
export { parseRoster, type Roster, type RosterEntry, type RosterProblem } from './class/roster';
export { renderClass, type GradedStudent, type RenderClassOptions, type RenderedClass } from './class/render-class';
export { readPreviousReport, withHistory } from './class/history';
export { buildClassReport, ClassReport, type StudentError } from './class/class-report';
export { CLASS_RENDERERS } from './class/class-renderers';
