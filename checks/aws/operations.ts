// Every AWS operation the harness may send is declared as data next to the code that
// sends it (each collector exports OPERATIONS). The IAM policies in checks/iam/ are
// generated from these declarations, and a test checks that every SDK command the code
// imports is declared: the policy cannot drift from the code.
import { SERVICES, type ServiceKey } from './services';

export interface DeclaredOperation {
  /** Our name for it, "<iam prefix>:<API operation>", e.g. "rds:DescribeDBInstances". */
  name: string;
  service: ServiceKey;
  /** The API operation (the SDK command class without "Command"). */
  operation: string;
  /** The IAM actions it needs (usually just `name`; S3 and a few others differ). */
  iamActions: string[];
}

/**
 * Declares the operations of one service. An entry is the API operation name, or
 * [operation, ...iamActions] when the IAM action is not named like the operation
 * (e.g. s3 GetPublicAccessBlock needs s3:GetBucketPublicAccessBlock).
 */
export function declareOperations(service: ServiceKey, entries: (string | [string, ...string[]])[]): DeclaredOperation[] {
  const prefix = SERVICES[service].iamPrefix;
  return entries.map((entry) => {
    const [operation, ...actions] = typeof entry === 'string' ? [entry] : entry;
    return {
      name: `${prefix}:${operation}`,
      service,
      operation,
      iamActions: actions.length > 0 ? actions : [`${prefix}:${operation}`],
    };
  });
}

/** Our operation name for an SDK command sent through a client of `service`. */
export function operationName(service: ServiceKey, commandName: string): string {
  return `${SERVICES[service].iamPrefix}:${commandName.replace(/Command$/, '')}`;
}
