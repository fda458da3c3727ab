// Regenerates cleanup/iam/cleanup-policy.json from the operations the code declares.
// `npm run iam-policy` runs it after checks/iam/write-policy.ts (verify's policy);
// the iam-policy test fails until the committed files match the code.
import { writeFileSync } from 'node:fs';
import { renderPolicy } from '../../checks/iam/policy';
import { CLEANUP_POLICY_FILE, cleanupPolicy } from './policy';

writeFileSync(CLEANUP_POLICY_FILE, renderPolicy(cleanupPolicy()));
process.stdout.write(`wrote ${CLEANUP_POLICY_FILE}\n`);
