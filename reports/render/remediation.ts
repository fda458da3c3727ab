// A check's fix as every format shows it, in the reader's language and in this order: the
// warning first (a fix that replaces or interrupts a resource must be read before it is
// followed), then what to do, the same in the AWS console (students who clicked their
// deployment together), then the CDK snippet. Reports written before issue 13 have neither
// console steps nor a warning: those parts are left out.
import type { Remediation } from '../../contract/report';
import { say, type Lang } from './i18n';

export interface FixText {
  warning?: string;
  text: string;
  console?: string;
  cdk?: string;
}

export function fixOf(lang: Lang, remediation: Remediation): FixText {
  const warning = say(lang, remediation.warning);
  const consoleSteps = say(lang, remediation.console);
  return {
    ...(warning ? { warning } : {}),
    text: say(lang, remediation),
    ...(consoleSteps ? { console: consoleSteps } : {}),
    ...(remediation.cdk ? { cdk: remediation.cdk } : {}),
  };
}
