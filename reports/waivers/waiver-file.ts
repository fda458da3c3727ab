// The waiver file an instructor signs: which failed checks are accepted, for whom, why,
// by whom and until when. YAML or JSON; see reports/README.md for an example.
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../../contract/errors';

export const WAIVER_FORMAT = 'cloudmart-waivers/v1';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const WaiverEntry = z.strictObject({
  /** A check id (rds.multi-az) or a drill id (drill.scale-out). */
  check: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)+$/, 'is not a check id'),
  /** A student id, or `*` for every student of the class. */
  student: z.string().min(1),
  reason: z.string().min(1),
  approver: z.string().min(1),
  /** YYYY-MM-DD (valid through that day, Korea time) or an ISO-8601 time with an offset. */
  expires: z.string().refine((s) => (DATE_ONLY.test(s) || DATE_TIME.test(s)) && Number.isFinite(expiryTime(s)), {
    message: 'must be a date (YYYY-MM-DD, quoted) or an ISO-8601 time with an offset',
  }),
});
export type WaiverEntry = z.infer<typeof WaiverEntry>;

export const WaiverSignature = z.strictObject({
  algorithm: z.literal('ed25519'),
  /** Fingerprint of the public key that verifies it (sha256 of the SPKI DER, hex, 16 chars). */
  keyId: z.string(),
  /** Base64 Ed25519 signature of canonicalWaiverPayload(waivers). */
  value: z.string(),
});
export type WaiverSignature = z.infer<typeof WaiverSignature>;

export const WaiverFile = z.strictObject({
  format: z.literal(WAIVER_FORMAT),
  waivers: z.array(WaiverEntry),
  signature: WaiverSignature.optional(),
});
export type WaiverFile = z.infer<typeof WaiverFile>;

export function parseWaiverFile(text: string, source: string): WaiverFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new UsageError({ ko: `${source}: 면제 파일이 올바른 YAML이나 JSON이 아닙니다.`, en: `${source}: the waiver file is not valid YAML or JSON.` }, { cause: error });
  }
  const parsed = WaiverFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : undefined;
    throw new UsageError({
      // zod's message is English: the Korean sentence says where, and quotes it.
      ko: `${source}: 면제 파일의 ${where ?? '형식'}이(가) 올바르지 않습니다 (${issue.message}).`,
      en: `${source}: ${where ?? 'the file'}: ${issue.message}.`,
    });
  }
  return parsed.data;
}

export function serializeWaiverFile(file: WaiverFile): string {
  // Quoted strings: no YAML reader can take an expiry for a date or a reason for a number.
  return stringifyYaml(file, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}

/**
 * The end of a waiver's validity in ms since the epoch. A bare date is valid through the
 * whole of that day in Korea (UTC+09:00), where the course runs.
 */
export function expiryTime(expires: string): number {
  if (DATE_ONLY.test(expires)) {
    const start = Date.parse(`${expires}T00:00:00+09:00`);
    const [y, m, d] = expires.split('-').map(Number) as [number, number, number];
    // Reject dates Date.parse rolls over (2026-02-31).
    const check = new Date(start + 9 * 3600_000);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() + 1 !== m || check.getUTCDate() !== d) return NaN;
    return start + 24 * 3600_000;
  }
  return Date.parse(expires);
}
