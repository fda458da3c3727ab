// What discovery searched and what it found, in both languages of the course: the lines of
// the report's "discovered deployment" section (report.json discovery.searched in English,
// searchedKo in Korean) and the searches that failed. One place words them, so the English
// lines (which tests and older reports hold) and their Korean stay in step.
import type { Bilingual } from '../../contract/report';
import { STUDENT_TAG } from './tags';

export interface SearchScope {
  student: string;
  region: string;
  accountId: string;
}

const where = (s: SearchScope): Bilingual => ({ ko: `${s.region} (계정 ${s.accountId})`, en: `in ${s.region} (account ${s.accountId})` });

/** The deployment's CloudFormation stacks, by name prefix or student tag. */
export function stacksSearched(s: SearchScope, stackPrefix: string, names: readonly string[]): Bilingual {
  const list = names.length ? ` (${names.join(', ')})` : '';
  return {
    ko: `이름이 "${stackPrefix}"(으)로 시작하거나 태그 ${STUDENT_TAG}=${s.student}이(가) 붙은 CloudFormation 스택, ${where(s).ko}: ${names.length}개 찾음${list}`,
    en: `CloudFormation stacks whose name starts with "${stackPrefix}" or that carry the tag ${STUDENT_TAG}=${s.student}, ${where(s).en}: ${names.length} found${list}`,
  };
}

/** The resources carrying the student tag in the deployment's region. */
export function taggedSearched(s: SearchScope, found: number): Bilingual {
  return {
    ko: `태그 ${STUDENT_TAG}=${s.student}이(가) 붙은 리소스, ${where(s).ko} (Resource Groups Tagging API): ${found}개 찾음`,
    en: `resources tagged ${STUDENT_TAG}=${s.student} ${where(s).en} (Resource Groups Tagging API): ${found} found`,
  };
}

/** The CloudFront distributions carrying the student tag, asked where CloudFront answers the tagging API. */
export function cloudFrontTaggedSearched(student: string, globalRegion: string, found: number): Bilingual {
  return {
    ko: `태그 ${STUDENT_TAG}=${student}이(가) 붙은 CloudFront 배포 (CloudFront가 답하는 ${globalRegion}에 질의): ${found}개 찾음`,
    en: `CloudFront distributions tagged ${STUDENT_TAG}=${student} (asked in ${globalRegion}, where CloudFront answers): ${found} found`,
  };
}

/** The us-east-1 tag search for the distributions failed: refused by a policy that limits regions, or failed otherwise. */
export function cloudFrontTagSearchRefused(student: string, failure: string): Bilingual {
  const code = failure.split(':')[0]!;
  const refused = /AccessDenied|Unauthorized/.test(code);
  const reason = failure.replace(/\.$/, '');
  return {
    ko: `태그 ${STUDENT_TAG}=${student}이(가) 붙은 CloudFront 배포: us-east-1의 태그 검색(tag:GetResources)이 ${refused ? `거부되었습니다(${code}). 리전을 제한하는 정책이 그곳에서 거부합니다` : `실패했습니다(${reason})`}`,
    en: `CloudFront distributions tagged ${STUDENT_TAG}=${student}: the tag search in us-east-1 (tag:GetResources) ${refused ? `was refused (${code}), as a policy that limits regions refuses it there` : `failed (${reason})`}`,
  };
}

/** After a refused tag search: the distributions found through CloudFront's own API instead. */
export function cloudFrontListedInstead(refused: Bilingual, found: number): Bilingual {
  return {
    ko: `${refused.ko}; 대신 cloudfront:ListDistributions와 각 배포의 태그(cloudfront:ListTagsForResource)로 검색: ${found}개 찾음`,
    en: `${refused.en}; searched instead through cloudfront:ListDistributions and each distribution's tags (cloudfront:ListTagsForResource): ${found} found`,
  };
}

/** After a refused tag search: the distributions' tags could not be read either, so only the origins led to them. */
export function cloudFrontByOriginsOnly(refused: Bilingual, tagReason: string): Bilingual {
  const reason = tagReason.replace(/\.$/, '');
  return {
    ko: `${refused.ko}; cloudfront:ListTagsForResource도 실패해(${reason}) 배포의 버킷이나 로드 밸런서를 원본으로 쓰는 배포만 찾았습니다`,
    en: `${refused.en}; cloudfront:ListTagsForResource failed too (${reason}), so only the distributions serving the deployment's bucket or load balancer were found`,
  };
}

/** The last line: the links followed from the starting points, and how many resources in all. */
export function linksFollowed(resources: number): Bilingual {
  return {
    ko: `배포의 연결을 따라감(로드 밸런서, 대상 그룹, Auto Scaling 그룹, 인스턴스, 시작 템플릿, 데이터베이스, 캐시, CloudFront 원본, VPC 네트워크, 이 리소스를 가리키는 알람과 대시보드, 백업 계획, 로그 그룹): 모두 ${resources}개 리소스`,
    en: `followed the deployment's links (load balancer, target groups, Auto Scaling group, instances, launch template, database, cache, CloudFront origin, VPC network, alarms and dashboards naming these resources, backup plans, log groups): ${resources} resources in all`,
  };
}

/** Searches that failed (the run stops: a half-searched account would grade a half-found deployment). */
export const searchFailed = {
  stacks: (reason: string): Bilingual => ({ ko: `CloudFormation 스택 목록을 읽을 수 없었습니다(${reason})`, en: `CloudFormation stacks could not be listed (${reason})` }),
  stackResources: (reason: string): Bilingual => ({ ko: `스택의 리소스 목록을 읽을 수 없었습니다(${reason})`, en: `the resources of the stacks could not be listed (${reason})` }),
  tagged: (student: string, reason: string): Bilingual => ({
    ko: `태그 ${STUDENT_TAG}=${student}이(가) 붙은 리소스를 검색할 수 없었습니다(${reason})`,
    en: `resources tagged ${STUDENT_TAG}=${student} could not be searched (${reason})`,
  }),
};

/** The report.json fields of the searched lines: English in `searched` (as before), Korean beside it. */
export function searchedFields(lines: readonly Bilingual[]): { searched: string[]; searchedKo: string[] } {
  return { searched: lines.map((l) => l.en), searchedKo: lines.map((l) => l.ko) };
}
