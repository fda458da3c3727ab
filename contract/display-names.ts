// The names a student reads for the rubric's categories and the checks' statuses, in the
// course's two languages. One description for the report (reports/render/i18n.ts) and for
// the progress lines a live run prints (checks/reporter/progress.ts), which may not import reports/.
import type { Bilingual, Category, CheckStatus } from './report';

export const CATEGORY_NAMES: Record<Category, Bilingual> = {
  architecture: { ko: '아키텍처', en: 'Architecture' },
  'high-availability': { ko: '고가용성', en: 'High availability' },
  security: { ko: '보안', en: 'Security' },
  monitoring: { ko: '모니터링', en: 'Monitoring' },
};

export const STATUS_NAMES: Record<CheckStatus, Bilingual> = {
  pass: { ko: '통과', en: 'pass' },
  fail: { ko: '실패', en: 'fail' },
  error: { ko: '오류', en: 'error' },
  'not-applicable': { ko: '해당 없음', en: 'n/a' },
  waived: { ko: '면제', en: 'waived' },
  blocked: { ko: '막힘', en: 'blocked' },
};

/** Terminal columns of a string: Hangul, CJK and full-width forms take two (ANSI colour codes none). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(/\u001b\[[0-9;]*m/g, '')) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff);
    w += wide ? 2 : 1;
  }
  return w;
}
