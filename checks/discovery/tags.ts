// The deployment's tags (interface.md): every resource carries cloudmart:student and
// cloudmart:expires-at. A resource whose student tag names someone else is never ours.
import type { Tags } from '../inventory/types';

export const STUDENT_TAG = 'cloudmart:student';
export const EXPIRES_TAG = 'cloudmart:expires-at';

export function defaultStackPrefix(student: string): string {
  return `CloudMart-${student}-`;
}

export type Ownership = 'ours' | 'foreign' | 'untagged';

export function ownership(tags: Tags | null | undefined, student: string): Ownership {
  const value = tags?.[STUDENT_TAG];
  if (value === undefined) return 'untagged';
  return value === student ? 'ours' : 'foreign';
}

/** SDK tag lists ({Key, Value}[]) as a record. */
export function tagRecord(list: readonly { Key?: string; Value?: string }[] | undefined | null): Tags {
  return Object.fromEntries((list ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? '']));
}
