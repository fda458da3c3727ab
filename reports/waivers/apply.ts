// Applies the waivers of a verified waiver file to one student's checks: a failed or errored
// check a valid waiver covers becomes `waived` (its reason, approver and expiry kept, and
// its original status). Never-waivable checks, expired waivers and every waiver of a file
// whose signature does not verify are ignored and listed with why.
import type { CheckEntry } from '../../contract/report';
import { expiryTime, parseWaiverFile, type WaiverEntry } from './waiver-file';
import { verifyWaiverFile } from './signing';

export interface WaiverSet {
  source: string;
  entries: WaiverEntry[];
  /** False when the signature does not verify: then no entry applies. */
  trusted: boolean;
  untrustedReason?: string;
}

export interface IgnoredWaiver {
  checkId: string;
  student: string;
  reason: string;
}

/** Parses a waiver file and checks its signature against the instructor's public key. */
export function openWaivers(text: string, source: string, publicKeyPem: string): WaiverSet {
  const file = parseWaiverFile(text, source);
  const check = verifyWaiverFile(file, publicKeyPem);
  return check.trusted
    ? { source, entries: file.waivers, trusted: true }
    : { source, entries: file.waivers, trusted: false, untrustedReason: check.reason };
}

/**
 * Only the entries that name this student (or `*`) are considered and reported: a student's
 * report never shows another student's waivers.
 */
export function applyWaivers(
  checks: readonly CheckEntry[],
  waivers: WaiverSet | undefined,
  options: { student: string; neverWaivable: readonly string[]; now: Date },
): { checks: CheckEntry[]; ignored: IgnoredWaiver[] } {
  const out = checks.map((c) => ({ ...c }));
  const ignored: IgnoredWaiver[] = [];
  if (!waivers) return { checks: out, ignored };
  const neverWaivable = new Set(options.neverWaivable);
  const byId = new Map(out.map((c, i) => [c.id, i]));

  for (const entry of waivers.entries) {
    if (entry.student !== '*' && entry.student !== options.student) continue;
    const skip = (reason: string) => ignored.push({ checkId: entry.check, student: entry.student, reason });
    if (!waivers.trusted) {
      skip(`${waivers.untrustedReason ?? 'the waiver file is not trusted'}: every waiver in ${waivers.source} is ignored`);
      continue;
    }
    if (neverWaivable.has(entry.check)) {
      skip(`${entry.check} can never be waived (the rubric lists it as never-waivable)`);
      continue;
    }
    if (options.now.getTime() >= expiryTime(entry.expires)) {
      skip(`the waiver expired (${entry.expires})`);
      continue;
    }
    const index = byId.get(entry.check);
    if (index === undefined) {
      skip(`the report has no check ${entry.check}`);
      continue;
    }
    const check = out[index]!;
    if (check.status === 'waived') {
      skip(`an earlier waiver in the file already covers ${entry.check}`);
      continue;
    }
    // A waiver accepts a failure, or an error the student could not fix (e.g. an API their
    // account may not call). Passed and not-applicable checks need no waiver.
    if (check.status !== 'fail' && check.status !== 'error') continue;
    out[index] = {
      ...check,
      originalStatus: check.status,
      status: 'waived',
      waiver: { reason: entry.reason, approver: entry.approver, expires: entry.expires },
    };
  }
  return { checks: out, ignored };
}
