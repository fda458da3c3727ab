// The rubric and the waiver file a verify or a grade is scored with. Loaded and checked
// before any AWS call, so a typo in a rubric costs a second, not a whole class run.
import { readFileSync } from 'node:fs';
import { UsageError } from '../contract/errors';
import { CHECK_IDS } from '../checks/rules/index';
import {
  assertRubricKnowsChecks,
  loadPublicKey,
  loadRubric,
  openWaivers,
  rubricWaiverKeyPath,
  type Rubric,
  type WaiverSet,
} from '../reports/index';

export interface GradingInputOptions {
  /** Rubric file (YAML or JSON); the default rubric when absent. */
  rubricPath?: string;
  /** Instructor-signed waiver file. */
  waiversPath?: string;
  /** The instructor's public key; defaults to the key the rubric names. */
  waiverKeyPath?: string;
}

export interface GradingInputs {
  rubric: Rubric;
  waivers?: WaiverSet;
}

export function loadGradingInputs(options: GradingInputOptions): GradingInputs {
  const rubric = loadRubric(options.rubricPath);
  assertRubricKnowsChecks(rubric, CHECK_IDS);
  if (!options.waiversPath) return { rubric };

  const keyPath = options.waiverKeyPath ?? rubricWaiverKeyPath(rubric);
  if (!keyPath) {
    throw new UsageError(
      `The waiver file ${options.waiversPath} cannot be trusted without the instructor's public key: pass --waiver-key FILE or name it in the rubric (waivers.publicKey).`,
    );
  }
  let text: string;
  try {
    text = readFileSync(options.waiversPath, 'utf8');
  } catch (error) {
    throw new UsageError(
      { ko: `면제 파일 ${options.waiversPath} 을(를) 읽을 수 없습니다: ${(error as Error).message}.`, en: `Cannot read the waiver file ${options.waiversPath}: ${(error as Error).message}.` },
      { cause: error },
    );
  }
  return { rubric, waivers: openWaivers(text, options.waiversPath, loadPublicKey(keyPath)) };
}
