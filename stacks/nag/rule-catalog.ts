// The rules of the packs as data (ID, level, what it found, why it matters), read from the
// packs themselves: cdk-nag's validation report only says "error" or "warning" and folds
// the text into one description, and a finding should say its level and explanation.
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import type { NagFinding } from '../../contract/report';
import { NAG_PACKS } from './packs';

export interface NagRuleInfo {
  readonly ruleId: string;
  readonly level: NagFinding['level'];
  /** What the rule found, one sentence. */
  readonly info: string;
  /** Why it matters. */
  readonly explanation: string;
}

interface ApplyRuleParams {
  ruleSuffixOverride?: string;
  rule: { name: string };
  info: string;
  explanation: string;
  level: NagMessageLevel;
}

const LEVELS: Record<NagMessageLevel, NagFinding['level']> = {
  [NagMessageLevel.ERROR]: 'error',
  [NagMessageLevel.WARN]: 'warning',
  [NagMessageLevel.INFO]: 'info',
};

let catalog: ReadonlyMap<string, NagRuleInfo> | undefined;

/** Every rule of every pack, by rule ID (e.g. AwsSolutions-EC23). */
export function nagRuleCatalog(): ReadonlyMap<string, NagRuleInfo> {
  if (catalog) return catalog;
  const rules = new Map<string, NagRuleInfo>();
  // A pack's checkResource calls applyRule once per rule: record the calls instead of
  // running the rules, on a throwaway resource.
  const probe = new CfnResource(new Stack(new App({ autoSynth: false }), 'Probe'), 'Probe', { type: 'Probe::Probe::Probe' });
  for (const entry of NAG_PACKS) {
    const pack = entry.create() as unknown as {
      applyRule: (params: ApplyRuleParams) => void;
      checkResource: (node: CfnResource) => void;
    };
    pack.applyRule = (params) => {
      const ruleId = `${entry.name}-${params.ruleSuffixOverride ?? params.rule.name}`;
      rules.set(ruleId, { ruleId, level: LEVELS[params.level], info: params.info, explanation: params.explanation });
    };
    pack.checkResource(probe);
  }
  catalog = rules;
  return rules;
}

/** The rule a finding ID belongs to: `AwsSolutions-IAM5[Resource::*]` -> `AwsSolutions-IAM5`. */
export function baseRuleId(findingId: string): string {
  const bracket = findingId.indexOf('[');
  return bracket < 0 ? findingId : findingId.slice(0, bracket);
}
