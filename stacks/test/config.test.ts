// The deployment settings are validated once; bad input is one UsageError sentence.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../contract/errors';
import { defaultExpiry, parseDeploymentConfig, stackNames } from '../config';
import { fakeBundleDir } from './support';

const bundle = fakeBundleDir();

describe('deployment config', () => {
  it('accepts a valid deployment and freezes it', () => {
    const config = parseDeploymentConfig({ student: 'kim-minsu', profile: 'lab', expiresAt: '2026-05-29T18:00:00+09:00', workloadBundleDir: bundle });
    expect(config).toMatchObject({ student: 'kim-minsu', profile: 'lab', expiresAt: '2026-05-29T09:00:00Z', region: 'ap-northeast-2', stackPrefix: 'CloudMart-kim-minsu-' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['an uppercase ID', { student: 'Kim' }, /student/],
    ['a hostile ID', { student: 'a;rm -rf /' }, /student/],
    ['an ID too long for the stack names', { student: 'a'.repeat(30) }, /student/],
    ['an unknown profile', { student: 'kim', profile: 'huge' }, /profile/],
    ['an expiry that is not ISO-8601', { student: 'kim', expiresAt: 'tomorrow' }, /expiresAt/],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseDeploymentConfig({ workloadBundleDir: bundle, ...(input as { student: string }) })).toThrow(UsageError);
    expect(() => parseDeploymentConfig({ workloadBundleDir: bundle, ...(input as { student: string }) })).toThrow(message);
  });

  it('rejects a workload bundle directory that does not exist', () => {
    expect(() => parseDeploymentConfig({ student: 'kim', workloadBundleDir: '/nonexistent/bundle' })).toThrow(/workload bundle directory/);
  });

  it('defaults the profile and computes the expiry from now, rounded up to the minute', () => {
    const now = new Date('2026-05-29T05:00:30.500Z');
    const config = parseDeploymentConfig({ student: 'kim', workloadBundleDir: bundle }, now);
    expect(config.profile).toBe('default');
    expect(config.expiresAt).toBe('2026-05-29T07:01:00Z');
    expect(defaultExpiry(new Date('2026-05-29T05:00:00Z'), 50)).toBe('2026-05-29T05:50:00Z');
  });

  it('names the stacks CloudMart-<student>-<tier>', () => {
    expect(Object.values(stackNames('kim'))).toEqual([
      'CloudMart-kim-Network',
      'CloudMart-kim-Data',
      'CloudMart-kim-App',
      'CloudMart-kim-Frontend',
      'CloudMart-kim-Observability',
      'CloudMart-kim-Backup',
    ]);
  });
});
