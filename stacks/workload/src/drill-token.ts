// The drill endpoints' door key: a per-deployment token (generated into Secrets Manager by
// the stacks, or given by the local rehearsal) that every /drill/* request carries in one
// header. Without it, or with a wrong one, the API answers exactly as when the drill
// endpoints are off (404), so a scan of a public ALB learns nothing.
import { createHash, timingSafeEqual } from 'node:crypto';

export { DRILL_TOKEN_HEADER } from './drill-token-header';

/** Shorter tokens are refused at start: a drill token must not be guessable. */
export const DRILL_TOKEN_MIN_LENGTH = 16;

/**
 * The token a secret holds: the plain string (what the stacks generate), or JSON with a
 * "token" field. Surrounding white space is not part of it.
 */
export function drillTokenFromSecret(value: string): string {
  const trimmed = value.trim();
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed !== null && typeof parsed === 'object' && typeof (parsed as { token?: unknown }).token === 'string') return (parsed as { token: string }).token.trim();
  } catch {
    // not JSON: the plain token
  }
  return trimmed;
}

/**
 * Constant-time comparison: both sides are hashed first, so timingSafeEqual always sees
 * equal lengths and neither the time nor an early exit tells how much of a guess was right.
 */
export function drillTokenMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The tag that marks a deployment's drill token secret (beside the deployment's own tags). */
export const DRILL_TOKEN_TAG = 'cloudmart:drill-token';
