// The IAM policy cleanup needs, generated from the operations the code declares: the read
// actions of verify's policy (cleanup reuses discovery) plus the deletions (each deleter
// exports OPERATIONS). The committed JSON is written by cleanup/iam/write-policy.ts
// (`npm run iam-policy`) and compared with this by checks/test/iam-policy.derived.test.ts.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { DeclaredOperation } from '../../checks/aws/operations';
import { actionsOf, VERIFY_OPERATIONS, type PolicyDocument } from '../../checks/iam/policy';
import { DELETE_OPERATIONS } from '../deleters/index';

/** Everything cleanup may send: discovery, then the deletions. */
export const CLEANUP_OPERATIONS: DeclaredOperation[] = [...VERIFY_OPERATIONS, ...DELETE_OPERATIONS];

export function cleanupPolicy(): PolicyDocument {
  const read = new Set(actionsOf(VERIFY_OPERATIONS));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CloudMartCleanupDiscover', Effect: 'Allow', Action: [...read], Resource: '*' },
      { Sid: 'CloudMartCleanupDelete', Effect: 'Allow', Action: actionsOf(DELETE_OPERATIONS).filter((a) => !read.has(a)), Resource: '*' },
    ],
  };
}

export const CLEANUP_POLICY_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cleanup-policy.json');
