// The deployment's cleanup tags (checks.md `tags.cleanup`, interface.md "Discovery and tags").
// Discovery finds a deployment's resources by them and cleanup deletes what has expired.
import type { DeploymentConfig } from './config';

export const TAG_STUDENT = 'cloudmart:student';
export const TAG_EXPIRES_AT = 'cloudmart:expires-at';

export function deploymentTags(config: Pick<DeploymentConfig, 'student' | 'expiresAt'>): Readonly<Record<string, string>> {
  return Object.freeze({ [TAG_STUDENT]: config.student, [TAG_EXPIRES_AT]: config.expiresAt });
}
