// What a report is, when it is not a live read of a real AWS account: graded on the local
// emulator (EMULATED), against another endpoint, from a snapshot file, or with simulated drills.
// Every format shows these stamps from here, in the reader's language.
import type { Report, Stamp, Target } from '../../contract/report';
import { formatTime } from './time';
import type { Lang } from './i18n';

export interface StampText {
  /** Short, for a stamp or a tag: "EMULATED · local emulator". */
  label: string;
  /** One sentence saying what it means for the reader. */
  sentence: string;
}

/** The target's stamps; for a report written before stamps existed, an endpoint outside the emulator is one. */
export function stampsOf(target: Target): Stamp[] {
  if (target.stamps) return target.stamps;
  return target.kind === 'aws' && target.endpoint && !target.emulated ? [{ kind: 'endpoint', endpoint: target.endpoint }] : [];
}

export function stampTexts(report: Pick<Report, 'target'>, lang: Lang, timeZone?: string): StampText[] {
  const out: StampText[] = [];
  if (report.target.emulated) {
    out.push(
      lang === 'ko'
        ? { label: 'EMULATED · 로컬 에뮬레이터 결과', sentence: '이 보고서는 실제 AWS 계정이 아니라 로컬 에뮬레이터에 대해 만들어졌습니다.' }
        : { label: 'EMULATED · local emulator', sentence: 'This report was produced against the local AWS emulator, not a real AWS account.' },
    );
  }
  for (const stamp of stampsOf(report.target)) out.push(stampText(stamp, lang, timeZone));
  return out;
}

function stampText(stamp: Stamp, lang: Lang, timeZone?: string): StampText {
  switch (stamp.kind) {
    case 'endpoint':
      return lang === 'ko'
        ? { label: `NOT AWS · 엔드포인트 ${stamp.endpoint}`, sentence: `이 보고서는 AWS가 아닌 엔드포인트 ${stamp.endpoint}에 대해 만들어졌습니다. 실제 AWS 계정을 평가한 결과가 아닙니다.` }
        : { label: `NOT AWS · endpoint ${stamp.endpoint}`, sentence: `This report was produced against ${stamp.endpoint}, an endpoint that is not AWS: it does not grade a real AWS account.` };
    case 'snapshot': {
      const at = stamp.collectedAt ? formatTime(stamp.collectedAt, timeZone) : undefined;
      return lang === 'ko'
        ? {
            label: 'SNAPSHOT · 실시간 검증 아님',
            sentence: `스냅샷 파일로 채점했으며 실시간으로 검증하지 않았습니다: ${stamp.file} (SHA-256 ${stamp.sha256})${at ? `, 수집 시각 ${at}` : ''}.`,
          }
        : {
            label: 'SNAPSHOT · not verified live',
            sentence: `Graded from a snapshot file, not verified live: ${stamp.file} (SHA-256 ${stamp.sha256})${at ? `, collected ${at}` : ''}.`,
          };
    }
    case 'simulated':
      return lang === 'ko'
        ? { label: 'SIMULATED · 시뮬레이션 훈련', sentence: '로컬 리허설(drill --target local)에서 시뮬레이션한 훈련 결과입니다. 장애 조치와 용량 변경은 AWS에서 일어나지 않았습니다.' }
        : { label: 'SIMULATED · simulated drills', sentence: 'Holds drills simulated by the local rehearsal (drill --target local): their failovers and capacity changes did not happen on AWS.' };
  }
}

/** What the header's "target" says: never plain `aws` for a report that did not read AWS live. */
export function targetLabel(target: Target, lang: Lang): string {
  const kinds = stampsOf(target).map((s) => s.kind);
  if (target.emulated) return lang === 'ko' ? 'local (로컬 에뮬레이터)' : 'local (emulator)';
  if (kinds.includes('endpoint')) return lang === 'ko' ? 'AWS 아님 (다른 엔드포인트)' : 'not AWS (another endpoint)';
  if (kinds.includes('snapshot')) return lang === 'ko' ? `${target.kind} 스냅샷 파일` : `snapshot file of ${target.kind}`;
  return target.kind;
}
