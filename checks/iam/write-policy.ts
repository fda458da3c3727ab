// Regenerates checks/iam/verify-policy.json from the operations the code declares.
// `npm run iam-policy` runs it, then cleanup/iam/write-policy.ts for cleanup's policy
// (the iam-policy test fails until the committed files match the code).
import { writeFileSync } from 'node:fs';
import { renderPolicy, VERIFY_POLICY_FILE, verifyPolicy } from './policy';

writeFileSync(VERIFY_POLICY_FILE, renderPolicy(verifyPolicy()));
process.stdout.write(`wrote ${VERIFY_POLICY_FILE}\n`);
