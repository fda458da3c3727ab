// What the janitor publishes to its SNS topic after each run (pure): a subject (SNS wants
// ASCII, no line breaks, under 100 characters) and a message (UTF-8, at most 262,144 bytes):
// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html. The message is the summary
// per student in the janitor's language, then the run's JSON record; a class's record fits
// many times over, and what would not fit is cut with a line saying so, never silently.
import { STATUS_WORDS, type AllExpiredResult } from '../all-expired';
import { say, type Lang } from '../text';

export const SNS_MESSAGE_LIMIT_BYTES = 262_144;
const SUBJECT_LIMIT = 99;

export interface JanitorMessage {
  subject: string;
  message: string;
}

export function janitorMessage(result: AllExpiredResult, lang: Lang): JanitorMessage {
  const { record } = result;
  // Expired with something to delete (an expired deployment already gone is not news).
  const expired = record.deployments.filter((d) => d.status !== 'kept' && d.status !== 'nothing-left');
  const count = (status: string) => record.deployments.filter((d) => d.status === status).length;
  const subject =
    record.mode === 'list'
      ? `CloudMart janitor (dry run): ${expired.length} of ${record.deployments.length} deployment(s) expired, ${record.region}`
      : `CloudMart janitor: ${count('deleted')} deleted, ${count('failed')} failed, ${count('kept')} kept${count('interrupted') > 0 ? `, ${count('interrupted')} left for the next run` : ''}, ${record.region}`;
  const head = [
    record.mode === 'list'
      ? say(
          `시험 실행(dry run): 아무것도 지우지 않았습니다. 만료된 배포 ${expired.length}개는 --janitor-mode delete 로 배포한 janitor가 지웁니다.`,
          `Dry run: nothing was deleted. The ${expired.length} expired deployment(s) are deleted by a janitor deployed with --janitor-mode delete.`,
        )[lang]
      : say(`삭제 모드: 만료된 배포 ${expired.length}개를 정리했습니다.`, `Delete mode: cleaned ${expired.length} expired deployment(s).`)[lang],
    '',
    say('학생별 요약', 'Summary per student')[lang],
    ...record.deployments.map((d) => `  ${d.student}: ${STATUS_WORDS[d.status][lang]} - ${d.reason[lang]}`),
    ...record.notes.map((n) => `  ${n[lang]}`),
    '',
  ].join('\n');
  const json = JSON.stringify(record, null, 2);
  const full = `${head}${json}\n`;
  if (Buffer.byteLength(full, 'utf8') <= SNS_MESSAGE_LIMIT_BYTES) return { subject: ascii(subject), message: full };
  const cut = say('... (SNS 메시지 한도 256 KB를 넘어 JSON 기록을 잘랐습니다: 전체 기록은 CloudWatch Logs에 있습니다)', '... (the JSON record was cut at the SNS limit of 256 KB: the whole record is in CloudWatch Logs)')[lang];
  const room = SNS_MESSAGE_LIMIT_BYTES - Buffer.byteLength(`${head}\n${cut}\n`, 'utf8');
  return { subject: ascii(subject), message: `${head}${Buffer.from(json, 'utf8').subarray(0, Math.max(0, room)).toString('utf8').replace(/\uFFFD$/, '')}\n${cut}\n` };
}

/** Student ids are ASCII already; this only guards the limit and the characters SNS refuses. */
function ascii(subject: string): string {
  return subject.replace(/[^\x20-\x7E]/g, '?').slice(0, SUBJECT_LIMIT);
}
