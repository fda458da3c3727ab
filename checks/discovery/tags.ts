// The deployment's tags (interface.md): every resource carries cloudmart:student and
// cloudmart:expires-at. A resource whose student tag names someone else is never ours.
// A resource tagged for this student but created by another student's stack (its
// aws:cloudformation:stack-name names CloudMart-<other>-...) is an ownership conflict:
// never graded for this student either, and reported as such.
import { STACK_SUFFIXES } from '../../stacks/config';
import type { Tags } from '../inventory/types';

export const STUDENT_TAG = 'cloudmart:student';
export const EXPIRES_TAG = 'cloudmart:expires-at';
/** The tag CloudFormation puts on the resources it creates: the stack's name. */
export const CFN_STACK_NAME_TAG = 'aws:cloudformation:stack-name';

// CloudMart-<student>-<Suffix>, or a stack nested in one (CloudMart-<student>-<Suffix>-<Nested>-<id>).
// Student IDs are lower case and the suffixes capitalised, so the split is unambiguous.
const CLOUDMART_STACK = new RegExp(`^CloudMart-([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-(?:${STACK_SUFFIXES.join('|')})(?:-|$)`);

/** The student whose deployment a stack name belongs to, or undefined for any other name. */
export function studentOfStack(stackName: string): string | undefined {
  return CLOUDMART_STACK.exec(stackName)?.[1];
}

/**
 * The other student's stack that created a resource tagged for `student`, when it was not
 * one of the student's own stacks; undefined when there is no conflict.
 */
export function conflictingStack(tags: Tags | null | undefined, student: string): { stack: string; student: string } | undefined {
  const stack = tags?.[CFN_STACK_NAME_TAG];
  if (!stack || tags?.[STUDENT_TAG] !== student) return undefined;
  const owner = studentOfStack(stack);
  return owner !== undefined && owner !== student ? { stack, student: owner } : undefined;
}

export function defaultStackPrefix(student: string): string {
  return `CloudMart-${student}-`;
}

/** 'conflict': tagged for the student, created by another student's stack (conflictingStack). */
export type Ownership = 'ours' | 'foreign' | 'untagged' | 'conflict';

export function ownership(tags: Tags | null | undefined, student: string): Ownership {
  const value = tags?.[STUDENT_TAG];
  if (value === undefined) return 'untagged';
  if (value !== student) return 'foreign';
  return conflictingStack(tags, student) ? 'conflict' : 'ours';
}

/** SDK tag lists ({Key, Value}[]) as a record. */
export function tagRecord(list: readonly { Key?: string; Value?: string }[] | undefined | null): Tags {
  return Object.fromEntries((list ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? '']));
}
