// Times as the reader reads them: in their zone (Asia/Seoul unless --time-zone says otherwise),
// with the zone named, never a bare UTC ISO string.
import { UsageError } from '../../contract/errors';

export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

/** The IANA zone name if the runtime knows it; otherwise one sentence (exit 2). */
export function assertTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new UsageError({
      ko: `--time-zone 은 Asia/Seoul 이나 UTC 같은 IANA 시간대여야 합니다("${zone}"은(는) 안 됩니다).`,
      en: `--time-zone must be an IANA time zone such as Asia/Seoul or UTC, not "${zone}".`,
    });
  }
}

/** e.g. "2026-11-26 14:03:20 Asia/Seoul (UTC+09:00)"; text that is not a time is returned as it is. */
export function formatTime(iso: string, zone: string = DEFAULT_TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? 'UTC' : String(parts.timeZoneName).replace('GMT', 'UTC');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${zone} (${offset})`;
}
