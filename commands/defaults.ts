// The defaults every command shares. Light on purpose (no AWS SDK, no CDK): the CLI reads
// them to describe its options before it loads the command that runs.
export { DEFAULT_REGION } from '../checks/aws/region';
/** The zone of the times in reports; the commands check a --time-zone themselves (assertTimeZone). */
export { DEFAULT_TIME_ZONE } from '../reports/render/time';

/** Where reports, drill results and nag findings go. */
export const DEFAULT_OUT_DIR = 'reports/out';
export const DEFAULT_NAG_OUT = `${DEFAULT_OUT_DIR}/nag-findings.json`;

/** `--target local`: whose deployment the emulator holds, and which one. */
export const DEFAULT_LOCAL_STUDENT = 'student01';
export const DEFAULT_SCENARIO = 'reference';
