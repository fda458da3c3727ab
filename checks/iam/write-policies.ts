// Regenerates checks/iam/verify-policy.json and cleanup-policy.json from the operations
// the code declares. Run after adding an AWS call: npx tsx checks/iam/write-policies.ts
// (the iam-policy test fails until the committed files match the code).
import { writeFileSync } from 'node:fs';
import { CLEANUP_POLICY_FILE, cleanupPolicy, renderPolicy, VERIFY_POLICY_FILE, verifyPolicy } from './policy';

writeFileSync(VERIFY_POLICY_FILE, renderPolicy(verifyPolicy()));
writeFileSync(CLEANUP_POLICY_FILE, renderPolicy(cleanupPolicy()));
process.stdout.write(`wrote ${VERIFY_POLICY_FILE}\nwrote ${CLEANUP_POLICY_FILE}\n`);
