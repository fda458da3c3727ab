// Acknowledging a cdk-nag finding, always in the namespaced form
// (`AwsSolutions::AwsSolutions-IAM4[Policy::...]`): cdk-nag then still reports the finding
// and aws-cdk-lib moves it, with the reason, to `suppressedViolations` of the validation
// report, so every acknowledgement stays visible and auditable. (The bare form is honoured
// inside cdk-nag instead and the finding vanishes from the report without a trace.)
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one rule (or one finding of it, e.g. `AwsSolutions-IAM5[Resource::*]`) on a
 * construct and everything below it. Call it right next to the resource it excuses.
 */
export function acknowledgeNag(scope: IConstruct, ruleId: string, reason: string): void {
  const pack = ruleId.split('-')[0]!;
  if (reason.trim().length < 20) throw new Error(`The acknowledgement of ${ruleId} needs a real reason.`);
  Validations.of(scope).acknowledge({ id: `${pack}::${ruleId}`, reason });
}
