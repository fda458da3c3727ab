// The checks of option values that belong to other folders, for the CLI (which may import only
// contract/, commands/ and sandbox/): each value is checked once, with its owner's sentence.
// Light on purpose (no AWS SDK, no CDK, no vitest): the CLI loads it to declare its options.
export { parseFormats } from '../reports/render/index';
export { concurrencyFrom, DEFAULT_CONCURRENCY } from './grade-each-student';
/** The deployment profiles the stacks know (--deployment-profile). */
export { PROFILES } from '../stacks/config';
