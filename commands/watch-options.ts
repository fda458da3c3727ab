// The checks of grade --watch's own options, light enough for the CLI to load before parsing
// (commands/grade-watch.ts loads the grading itself).
import { UsageError } from '../contract/errors';

/** What --watch, --interval, --serve, --port, --start and --duration give the watch (commands/grade-watch.ts). */
export interface WatchTiming {
  intervalMs?: number;
  serve?: boolean;
  port?: number;
  start?: Date;
  durationMinutes?: number;
}

/**
 * --start as a moment: an ISO 8601 date and time with its offset (2026-12-08T10:00:00+09:00 or
 * ...Z), so a board on a laptop in another zone counts down the same 50 minutes.
 */
export function startFrom(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim()) ? new Date(value.trim()) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw new UsageError({
      ko: `--start 는 오프셋이 있는 ISO 8601 시각이어야 합니다(예: 2026-12-08T10:00:00+09:00, "${value}"은(는) 안 됩니다).`,
      en: `--start must be an ISO 8601 time with its offset (e.g. 2026-12-08T10:00:00+09:00), not "${value}".`,
    });
  }
  return at;
}

/** The watch options only mean something with --watch (and --port with --serve): said before anything starts. */
export function assertWatchOptions(options: WatchTiming & { watch?: boolean }): void {
  const given = (['intervalMs', 'serve', 'port', 'start', 'durationMinutes'] as const).filter((k) => options[k] !== undefined && options[k] !== false);
  const flags = { intervalMs: '--interval', serve: '--serve', port: '--port', start: '--start', durationMinutes: '--duration' } as const;
  if (!options.watch && given.length) {
    const names = given.map((k) => flags[k]).join(', ');
    throw new UsageError({ ko: `${names} 은(는) --watch 와 함께 씁니다.`, en: `${names} ${given.length > 1 ? "only go" : "only goes"} with --watch.` });
  }
  if (options.port !== undefined && !options.serve) {
    throw new UsageError({ ko: '--port 는 --serve 와 함께 씁니다(현황판을 띄울 포트입니다).', en: '--port goes with --serve (it is the port of the board).' });
  }
}

