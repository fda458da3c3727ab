// collectInventory: everything `verify` knows about one student deployment, collected
// once. Who am I (sts) -> where does the deployment start (stacks, tags) -> the region's
// lists, one call per operation, all at once -> the deployment's part of them (the graph)
// -> per-resource details -> one JSON-safe Inventory. A failed call leaves its dataset
// "not collected"; only credential and endpoint failures (UnreachableError) and "no
// deployment found" (UsageError) end the run.
import { UsageError } from '../contract/errors';
import type { Bilingual } from '../contract/report';
import type { CredentialsInput } from './aws/credentials';
import { sessionFor, type AwsSession } from './aws/session';
import { listAutoScaling } from './collectors/autoscaling';
import { describeBackupPlans, listBackupPlans, listRecoveryPoints } from './collectors/backup';
import { distributionTags, getDistributions, listDistributions } from './collectors/cloudfront';
import { listCloudWatch } from './collectors/cloudwatch';
import { dataOr, derive } from './collectors/collected';
import { describeLaunchTemplateVersions, listEc2 } from './collectors/ec2';
import { listElastiCache } from './collectors/elasticache';
import { describeListeners, describeTargetHealth, listElbv2 } from './collectors/elbv2';
import { describeInstanceProfiles, roleTags } from './collectors/iam';
import { listLogGroups } from './collectors/logs';
import { describeDbClusters, listDbInstances } from './collectors/rds';
import { bucketTags, describeBuckets } from './collectors/s3';
import { tagsOf, type TaggedResource } from './collectors/tagging';
import { ALWAYS_TAGGABLE } from './discovery/taggable-types';
import { refKey } from './discovery/arns';
import { selectDeployment } from './discovery/graph';
import type { ResourceBook } from './discovery/resource-book';
import { CFN } from './discovery/resource-types';
import type { RegionLists } from './discovery/selection';
import { NoDeploymentError } from './discovery/errors';
import { cloudFrontByOriginsOnly, cloudFrontListedInstead, cloudFrontTagSearchRefused, linksFollowed, searchedFields } from './discovery/searched';
import { findSeeds } from './discovery/seeds';
import { defaultStackPrefix, ownership, STUDENT_TAG } from './discovery/tags';
import type { Collected, Inventory, Tags } from './inventory/types';
import type { OwnershipConflict } from '../contract/inventory';

export interface CollectOptions {
  student: string;
  /** Default `CloudMart-<student>-`. */
  stackPrefix?: string;
  /** Default ap-northeast-2. */
  region?: string;
  /** Any AWS-compatible endpoint (e.g. the local emulator). */
  endpoint?: string;
  /** Given credentials (static or a provider); otherwise the standard AWS chain. */
  credentials?: CredentialsInput;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  onProgress?: (event: CollectProgress) => void;
}

export interface CollectProgress {
  phase: 'identity' | 'discovery' | 'collection' | 'details' | 'done';
  /** In both languages: the command that prints it picks its --lang. */
  message: Bilingual;
}

export async function collectInventory(options: CollectOptions): Promise<Inventory> {
  validateStudent(options.student);
  const session = sessionFor(options, `cloudmart-verify-${options.student}`);
  try {
    return await collectWithSession(session, options);
  } finally {
    session.destroy();
  }
}

/** The same, with a session the caller owns (tests read its call recorder; cleanup reuses it). */
export async function collectWithSession(session: AwsSession, options: CollectOptions): Promise<Inventory> {
  validateStudent(options.student);
  const student = options.student;
  const stackPrefix = options.stackPrefix ?? defaultStackPrefix(student);
  const progress = options.onProgress ?? (() => {});

  progress({ phase: 'identity', message: { ko: `AWS 자격 증명을 확인합니다(${session.endpoint ?? session.region})`, en: `checking the AWS credentials (${session.endpoint ?? session.region})` } });
  const { accountId } = await session.identity();

  progress({ phase: 'discovery', message: { ko: `계정 ${accountId}, ${session.region}에서 ${student}의 배포를 찾습니다`, en: `looking for the deployment of ${student} in account ${accountId}, ${session.region}` } });
  const seeds = await findSeeds(session, { student, stackPrefix, accountId });
  if (seeds.failures.length > 0) {
    // A half-searched account would grade a half-found deployment: wrong fails. Stop instead.
    const failed = (lang: 'ko' | 'en') => seeds.failures.map((f) => f[lang]).join('; ').replace(/\.$/, '');
    throw new UsageError({
      ko: `계정 ${accountId} (${session.region})에서 "${student}"의 배포를 검색할 수 없습니다: ${failed('ko')}. 자격 증명에 읽기 전용 정책 checks/iam/verify-policy.json이 필요합니다.`,
      en: `Could not search account ${accountId} (${session.region}) for the deployment of "${student}": ${failed('en')}; the credentials need the read-only policy checks/iam/verify-policy.json.`,
    });
  }
  // Global resources (CloudFront, S3, IAM) answer from every region: alone, they are not a deployment here.
  const regional = seeds.tagged.filter((t) => t.arn.split(':')[3] === session.region);
  if (seeds.stacks.length === 0 && regional.length === 0) {
    const global = seeds.tagged.map((t) => t.arn);
    throw new NoDeploymentError(noDeploymentMessage(student, stackPrefix, session.region, accountId, global));
  }

  progress({ phase: 'collection', message: { ko: '리전의 리소스 목록을 읽습니다(작업마다 호출 한 번)', en: 'reading the region (one call per operation)' } });
  const [ec2, elbv2, autoscaling, rdsInstances, elasticache, distributions, cloudwatch, logGroups, backupPlans] = await Promise.all([
    listEc2(session),
    listElbv2(session),
    listAutoScaling(session),
    listDbInstances(session),
    listElastiCache(session),
    listDistributions(session),
    listCloudWatch(session),
    listLogGroups(session),
    listBackupPlans(session),
  ]);
  const lists: RegionLists = { ec2, elbv2, autoscaling, rdsInstances, elasticache, distributions, cloudwatch, logGroups, backupPlans };
  const cloudFront = await cloudFrontWithoutTagSearch(session, seeds.cloudFrontTagSearchFailure, distributions, student, accountId);
  const tagged = [...seeds.tagged, ...cloudFront.tagged];
  const sel = selectDeployment({ student, region: session.region, accountId, stackResources: seeds.stackResources, tagged, lists });

  progress({ phase: 'details', message: { ko: '배포 리소스의 세부 정보를 읽습니다', en: 'reading the details of the deployment’s resources' } });
  const launchTemplateVersionsPromise = describeLaunchTemplateVersions(session, sel.launchTemplateUses);
  const iamPromise = launchTemplateVersionsPromise.then((versions) => {
    const profiles = dataOr(versions, []).flatMap((v) => {
      const p = v.LaunchTemplateData?.IamInstanceProfile;
      return p?.Arn ?? p?.Name ?? [];
    });
    return describeInstanceProfiles(session, profiles);
  });
  const bucketsPromise = describeBuckets(session, sel.bucketNames);
  const book = sel.resources;
  // Tags no tag search gave: roles (IAM only), buckets (in their own region), distributions.
  const roles = book.ofType(CFN.role);
  const distributionsUntagged = book.ofType(CFN.distribution).filter((d) => d.tags === null && d.arn.startsWith('arn:'));
  // Only when an instance of the deployment names a DB cluster (a Multi-AZ DB cluster's members).
  const dbClustersPromise = describeDbClusters(session, sel.rdsInstances);
  const [listeners, targetHealth, launchTemplateVersions, iam, cfDistributions, buckets, plans, recoveryPoints, rolesTags, bucketsTags, distTags] = await Promise.all([
    describeListeners(session, sel.loadBalancerArns),
    describeTargetHealth(session, sel.targetGroupArns),
    launchTemplateVersionsPromise,
    iamPromise,
    getDistributions(session, sel.distributionIds),
    bucketsPromise,
    describeBackupPlans(session, sel.backupPlanIds),
    listRecoveryPoints(session, sel.dbInstanceArns),
    roles.length > 0 ? roleTags(session, roles.map((r) => r.id)) : undefined,
    bucketsPromise.then((b) => (b.status === 'collected' && b.data.length > 0 ? bucketTags(session, b.data) : undefined)),
    distributionsUntagged.length > 0 ? distributionTags(session, distributionsUntagged.map((d) => d.arn)) : undefined,
  ]);
  applyTags(book, CFN.role, roles.map((r) => r.id), rolesTags);
  applyTags(book, CFN.bucket, sel.bucketNames, bucketsTags);
  applyTags(
    book,
    CFN.distribution,
    distributionsUntagged.map((d) => d.id),
    distTags && derive(distTags, (found) => Object.fromEntries(found.map((t) => [t.arn.split('/').pop()!, t.tags]))),
  );

  // Discovery's book: the listeners met through the load balancers, then the tags of
  // resources that were neither tagged for the student nor described with their tags.
  for (const l of dataOr(listeners, [])) if (l.ListenerArn) book.add({ type: CFN.listener, id: l.ListenerArn }, 'graph', { arn: l.ListenerArn });
  const unknown = book.unknownTags();
  if (unknown.length > 0) {
    const found = await tagsOf(session, unknown.map((u) => u.arn));
    if (found.status === 'collected') {
      const byArn = new Map(found.data.map((t) => [t.arn, t.tags]));
      // Absent from the answer: a resource of a type that supports tags has none; any other
      // (a scaling policy, which cannot carry tags) stays unknown.
      for (const u of unknown) {
        const tags = byArn.get(u.arn) ?? (ALWAYS_TAGGABLE.has(u.type) ? {} : undefined);
        if (tags) book.setTags(u.key, tags);
      }
    } else {
      for (const u of unknown) book.markTagsUnreadable(u.key, found.reason);
    }
  }
  const resources = book.list();
  // English in `searched` (as before issue 13), Korean beside it in `searchedKo`.
  const searched = searchedFields([...seeds.searched, ...cloudFront.searched, linksFollowed(resources.length)]);

  const inventory: Inventory = {
    schemaVersion: 1,
    collectedAt: new Date().toISOString(),
    target: { region: session.region, accountId, student, stackPrefix, ...(session.endpoint ? { endpoint: session.endpoint } : {}) },
    discovery: { student, stackPrefix, stacks: seeds.stacks, resources, ...searched, ...ownershipConflictsOf([...seeds.conflicts, ...sel.ownershipConflicts]) },
    ec2: { ...sel.ec2, launchTemplateVersions },
    elbv2: { loadBalancers: sel.loadBalancers, listeners, targetGroups: sel.targetGroups, targetHealth },
    autoscaling: { groups: sel.autoScalingGroups, policies: sel.scalingPolicies },
    rds: { instances: sel.rdsInstances, clusters: await dbClustersPromise },
    elasticache: { replicationGroups: sel.replicationGroups, cacheClusters: sel.cacheClusters, subnetGroups: sel.cacheSubnetGroups },
    cloudfront: { distributions: cfDistributions },
    s3: { buckets },
    cloudwatch: { metricAlarms: sel.metricAlarms, compositeAlarms: sel.compositeAlarms, dashboards: sel.dashboards },
    logs: { logGroups: sel.logGroups },
    backup: { plans, recoveryPoints },
    iam,
    calls: session.recorder.counts(),
  };
  progress({ phase: 'done', message: { ko: `AWS 호출 ${session.recorder.calls.length}번으로 리소스 ${resources.length}개를 수집했습니다`, en: `collected ${resources.length} resources with ${session.recorder.calls.length} AWS calls` } });
  return inventory;
}

/** Sets the tags one service read for resources of one type (by id), or says why they are unreadable. */
function applyTags(book: ResourceBook, type: string, ids: string[], read: Collected<Record<string, Tags>> | undefined): void {
  if (!read) return;
  for (const id of ids) {
    const key = refKey({ type, id });
    if (read.status !== 'collected') book.markTagsUnreadable(key, read.reason);
    else if (read.data[id]) book.setTags(key, read.data[id]);
  }
}

/**
 * When the CloudFront tag search in us-east-1 failed (an Organization that limits regions
 * refuses tag:GetResources there), the distributions are found through CloudFront's own API:
 * every distribution of the account with its tags (ListDistributions, ListTagsForResource).
 * If their tags cannot be read either, the origins discovery follows (the student's bucket
 * and load balancer) still find them. Only when the distributions cannot even be listed is
 * the account half-searched: then stop, as for any failed search.
 */
async function cloudFrontWithoutTagSearch(
  session: AwsSession,
  failure: string | undefined,
  distributions: RegionLists['distributions'],
  student: string,
  accountId: string,
): Promise<{ tagged: TaggedResource[]; searched: Bilingual[] }> {
  if (failure === undefined) return { tagged: [], searched: [] };
  // Refused in us-east-1 while the same search worked in the deployment's region: a policy that limits regions.
  const refused = cloudFrontTagSearchRefused(student, failure);
  if (distributions.status !== 'collected') {
    const tagReason = failure.replace(/\.$/, '');
    const listReason = distributions.reason.replace(/\.$/, '');
    throw new UsageError({
      ko: `계정 ${accountId}에서 "${student}"의 CloudFront 배포를 찾을 수 없습니다: us-east-1의 태그 검색(tag:GetResources)이 실패했고(${tagReason}) cloudfront:ListDistributions도 실패했습니다(${listReason}). 자격 증명에 읽기 전용 정책 checks/iam/verify-policy.json이 필요합니다.`,
      en: `Could not search account ${accountId} for the CloudFront distributions of "${student}": ${refused.en}, and cloudfront:ListDistributions failed too (${listReason}); the credentials need the read-only policy checks/iam/verify-policy.json.`,
    });
  }
  const arns = distributions.data.map((d) => d.ARN).filter((arn): arn is string => Boolean(arn));
  const found = arns.length > 0 ? await distributionTags(session, arns) : { status: 'collected' as const, data: [] };
  if (found.status !== 'collected') {
    return {
      tagged: [],
      searched: [cloudFrontByOriginsOnly(refused, found.reason)],
    };
  }
  // Only tags that name a student decide (the untagged ones may still be reached through their origins).
  const tagged = found.data.filter((t) => ownership(t.tags, student) !== 'untagged');
  const ours = tagged.filter((t) => ownership(t.tags, student) === 'ours').length;
  return {
    tagged,
    searched: [cloudFrontListedInstead(refused, ours)],
  };
}

function validateStudent(student: string): void {
  if (!student || student.length > 128 || /[\s\u0000-\u001f]/.test(student)) {
    throw new UsageError(`"${student}" is not a usable student id: pass --student with the id used in your stack names and the ${STUDENT_TAG} tag.`);
  }
}

function noDeploymentMessage(student: string, stackPrefix: string, region: string, accountId: string, globalArns: string[]): Bilingual {
  const arns = `${globalArns.slice(0, 3).join(', ')}${globalArns.length > 3 ? ', ...' : ''}`;
  const onlyGlobal = globalArns.length > 0 ? { ko: ` (태그가 붙은 것은 글로벌 리소스뿐입니다: ${arns})`, en: ` (only global resources carry the tag: ${arns})` } : { ko: '', en: '' };
  return {
    ko:
      `학생 "${student}"의 CloudMart 배포를 찾지 못했습니다: ${region} 리전, 계정 ${accountId}에 이름이 "${stackPrefix}*"인 CloudFormation 스택도, 태그 ${STUDENT_TAG}=${student}가 붙은 리소스도 없습니다${onlyGlobal.ko}. ` +
      `--region(어느 리전에 배포했나요?), --student, 스택 이름이 다르면 --stack-prefix 를 확인하세요.`,
    en:
      `No CloudMart deployment found for student "${student}": no CloudFormation stack named "${stackPrefix}*" and no resource tagged ${STUDENT_TAG}=${student} in ${region}, account ${accountId}${onlyGlobal.en}; ` +
      `check --region (you deployed to which region?), --student, or --stack-prefix if your stacks are named differently.`,
  };
}

/** The ownership conflicts, once each (a resource can be met both as a stack's and by its tag); absent when none. */
function ownershipConflictsOf(conflicts: OwnershipConflict[]): { ownershipConflicts?: OwnershipConflict[] } {
  const unique = [...new Map(conflicts.map((c) => [c.resource, c])).values()].sort((a, b) => a.resource.localeCompare(b.resource));
  return unique.length > 0 ? { ownershipConflicts: unique } : {};
}
