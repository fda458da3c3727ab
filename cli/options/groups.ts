// The options several commands share, declared once: which account (--region --profile
// --role-arn --external-id --endpoint), which deployment, where and how the report is written,
// which rubric and waivers grade it, and the language.
import { DEFAULT_REGION, DEFAULT_TIME_ZONE } from '../../commands/defaults';
import { parseFormats } from '../../commands/option-checks';
import { option } from './define';
import { checkedBy, flag, oneOf, text } from './values';

/** The language of the output and of the error sentences (main.ts reads it before the action). */
export const languageOptions = {
  lang: option('--lang <ko|en>', 'language of the output and error sentences', oneOf(['ko', 'en']), { default: 'ko' }),
};

/** The AWS account and region a command reads (or, with --yes, changes). */
export const accountOptions = {
  region: option('--region <region>', 'AWS region', text(), { default: DEFAULT_REGION }),
  profile: option('--profile <name>', 'AWS profile (SSO profiles included; the standard credential chain otherwise)', text()),
  roleArn: option('--role-arn <arn>', 'assume this role first', text()),
  externalId: option('--external-id <id>', 'external id for --role-arn', text()),
  endpoint: option('--endpoint <url>', 'any AWS-compatible endpoint, e.g. the local emulator already running', text()),
};

/** Whose deployment: the student, and the stack names when they differ from CloudMart-<student>-. */
export const deploymentOptions = {
  student: option('--student <id>', 'whose deployment (stacks CloudMart-<id>-..., tag cloudmart:student=<id>)', text()),
  stackPrefix: option('--stack-prefix <prefix>', 'stack name prefix (default CloudMart-<student>-)', text()),
};

/** Where the report goes (the description says what `out` holds for the command) and how it reads. */
export function reportOptions(out: { description: string; default: string }) {
  return {
    out: option('--out <dir>', out.description, text(), { default: out.default }),
    formats: option('--format <list>', 'report formats: md,html,json,junit,csv (default all)', checkedBy(parseFormats)),
    ...languageOptions,
    // The commands check the zone (assertTimeZone) before they read or change anything.
    timeZone: option('--time-zone <zone>', 'IANA time zone of the times in the report', text(), { default: DEFAULT_TIME_ZONE }),
  };
}

/** The rubric and the instructor-signed waivers a report is scored with. */
export const gradingOptions = {
  rubricPath: option('--rubric <file>', 'rubric file (default reports/rubric/default.yaml)', text()),
  waiversPath: option('--waivers <file>', 'instructor-signed waiver file', text()),
  waiverKeyPath: option('--waiver-key <file>', "the instructor's public key for --waivers", text()),
};

/** Progress lines on or off (the command's progress output). */
export const quietOption = {
  quiet: option('--quiet', 'no progress lines, only the summary', flag()),
};
