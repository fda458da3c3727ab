// Ownership conflicts, pure: a resource (or stack) tagged cloudmart:student=A that another
// student's stack created (aws:cloudformation:stack-name CloudMart-B-...) is never A's,
// nor B's by A's tag; it is reported. Student IDs are lower case, stack suffixes capitalised.
import type { Stack } from '@aws-sdk/client-cloudformation';
import { describe, expect, it } from 'vitest';
import { conflictingStacks, selectStacks } from '../discovery/seeds';
import { startFromSeeds } from '../discovery/graph-context';
import { conflictingStack, ownership, studentOfStack } from '../discovery/tags';

const tags = (student: string, stack?: string) => ({ 'cloudmart:student': student, ...(stack ? { 'aws:cloudformation:stack-name': stack } : {}) });

describe('studentOfStack', () => {
  it('reads the student of a CloudMart stack name, nested stacks included, and nothing else', () => {
    expect(studentOfStack('CloudMart-b-Network')).toBe('b');
    expect(studentOfStack('CloudMart-kim-lee-App')).toBe('kim-lee');
    expect(studentOfStack('CloudMart-kim-Data-RotationNestedStack-1ABC2DEF')).toBe('kim');
    expect(studentOfStack('CloudMart-kim-Other')).toBeUndefined();
    expect(studentOfStack('MyStack')).toBeUndefined();
    expect(studentOfStack('CDKToolkit')).toBeUndefined();
  });
});

describe('ownership', () => {
  it('is a conflict when the student tag is ours but another student\'s stack created it', () => {
    expect(ownership(tags('a', 'CloudMart-b-Network'), 'a')).toBe('conflict');
    expect(conflictingStack(tags('a', 'CloudMart-b-Network'), 'a')).toEqual({ stack: 'CloudMart-b-Network', student: 'b' });
    // The student's own stack, or a stack that is not a CloudMart one: ours.
    expect(ownership(tags('a', 'CloudMart-a-Network'), 'a')).toBe('ours');
    expect(ownership(tags('a', 'my-own-stack'), 'a')).toBe('ours');
    expect(ownership(tags('a'), 'a')).toBe('ours');
    // For the other student it is simply foreign (tagged for a).
    expect(ownership(tags('a', 'CloudMart-b-Network'), 'b')).toBe('foreign');
    expect(conflictingStack(tags('a', 'CloudMart-b-Network'), 'b')).toBeUndefined();
  });
});

describe('discovery', () => {
  it("never takes a conflicting tagged resource as a starting point, blocks it for the graph, and records it", () => {
    const sg = 'arn:aws:ec2:ap-northeast-2:123456789012:security-group/sg-0b0b0b0b0b0b0b0b0';
    const own = 'arn:aws:ec2:ap-northeast-2:123456789012:security-group/sg-0a0a0a0a0a0a0a0a0';
    const ctx = startFromSeeds({
      student: 'a',
      region: 'ap-northeast-2',
      accountId: '123456789012',
      stackResources: [],
      tagged: [
        { arn: sg, tags: tags('a', 'CloudMart-b-Network') },
        { arn: own, tags: tags('a', 'CloudMart-a-Network') },
      ],
      lists: {} as never,
    });
    expect(ctx.foreignArns.has(sg)).toBe(true);
    expect(ctx.foreign(tags('a', 'CloudMart-b-Network'))).toBe(true);
    expect(ctx.ours(tags('a', 'CloudMart-b-Network'))).toBe(false);
    expect(ctx.conflicts).toEqual([{ resource: sg, type: 'AWS::EC2::SecurityGroup', stack: 'CloudMart-b-Network', student: 'b' }]);
    expect(ctx.book.list().map((r) => r.arn)).toEqual([own]);
  });

  it("leaves out another student's stack that carries this student's tag, and names it", () => {
    const stack = (name: string, student: string): Stack => ({ StackName: name, StackId: `arn:aws:cloudformation:ap-northeast-2:123456789012:stack/${name}/1`, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(0), Tags: [{ Key: 'cloudmart:student', Value: student }] });
    const all = [stack('CloudMart-a-Network', 'a'), stack('CloudMart-b-App', 'a'), stack('CloudMart-b-Network', 'b')];
    expect(selectStacks(all, 'a', 'CloudMart-a-').map((s) => s.name)).toEqual(['CloudMart-a-Network']);
    expect(conflictingStacks(all, 'a')).toEqual([{ resource: all[1]!.StackId, type: 'AWS::CloudFormation::Stack', stack: 'CloudMart-b-App', student: 'b' }]);
    expect(selectStacks(all, 'b', 'CloudMart-b-').map((s) => s.name)).toEqual(['CloudMart-b-Network']);
    expect(conflictingStacks(all, 'b')).toEqual([]);
  });
});
