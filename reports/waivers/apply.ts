// Applies the waivers of a verified waiver file to one student's checks: a failed or errored
// check a valid waiver covers becomes `waived` (its reason, approver and expiry kept, and
// its original status). Never-waivable checks, expired waivers and every waiver of a file
// whose signature does not verify are ignored and listed with why.
import type { Bilingual, CheckEntry } from '../../contract/report';
import { expiryTime, parseWaiverFile, type WaiverEntry } from './waiver-file';
import { verifyWaiverFile } from './signing';

export interface WaiverSet {
  source: string;
  entries: WaiverEntry[];
  /** False when the signature does not verify: then no entry applies. */
  trusted: boolean;
  untrustedReason?: Bilingual;
}

/** A waiver that was not applied: `reason` in English (report.json keeps it), `reasonKo` beside it. */
export interface IgnoredWaiver {
  checkId: string;
  student: string;
  reason: string;
  reasonKo: string;
}

/** Why a waiver was not applied, in the report's language (reports written before issue 13 have English only). */
export function ignoredWaiverReason(waiver: { reason: string; reasonKo?: string | undefined }, lang: 'ko' | 'en'): string {
  return lang === 'ko' && waiver.reasonKo ? waiver.reasonKo : waiver.reason;
}

/** Parses a waiver file and checks its signature against the instructor's public key. */
export function openWaivers(text: string, source: string, publicKeyPem: string): WaiverSet {
  const file = parseWaiverFile(text, source);
  const check = verifyWaiverFile(file, publicKeyPem);
  return check.trusted
    ? { source, entries: file.waivers, trusted: true }
    : { source, entries: file.waivers, trusted: false, untrustedReason: { ko: check.reasonKo, en: check.reason } };
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
    const skip = (reason: Bilingual) => ignored.push({ checkId: entry.check, student: entry.student, reason: reason.en, reasonKo: reason.ko });
    if (!waivers.trusted) {
      const why = waivers.untrustedReason ?? { ko: '면제 파일을 신뢰할 수 없습니다', en: 'the waiver file is not trusted' };
      skip({ ko: `${why.ko}: ${waivers.source}의 면제는 모두 무시됩니다`, en: `${why.en}: every waiver in ${waivers.source} is ignored` });
      continue;
    }
    if (neverWaivable.has(entry.check)) {
      skip({ ko: `${entry.check}은(는) 면제할 수 없습니다 (채점 기준이 면제 불가로 정함)`, en: `${entry.check} can never be waived (the rubric lists it as never-waivable)` });
      continue;
    }
    if (options.now.getTime() >= expiryTime(entry.expires)) {
      skip({ ko: `면제 기한이 지났습니다 (${entry.expires})`, en: `the waiver expired (${entry.expires})` });
      continue;
    }
    const index = byId.get(entry.check);
    if (index === undefined) {
      skip({ ko: `보고서에 ${entry.check} 검사가 없습니다`, en: `the report has no check ${entry.check}` });
      continue;
    }
    const check = out[index]!;
    if (check.status === 'waived') {
      skip({ ko: `파일의 앞선 면제가 이미 ${entry.check}을(를) 다룹니다`, en: `an earlier waiver in the file already covers ${entry.check}` });
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
