// backup.plan-covers-rds: an AWS Backup plan with retention >= 7 days has a selection that
// covers the RDS instance, by ARN, by wildcard or by tag condition that the instance's tags
// satisfy. A plan that has not run yet still passes; a note says no recovery point exists yet.
//
// How a selection is read (AWS Backup's BackupSelection semantics):
// - Resources (ARNs or patterns like arn:aws:rds:*:*:db:* or "*") and ListOfTags (legacy,
//   StringEquals only) each include; several entries are ORed, and an instance matching
//   either list is included. With neither list, every supported resource is included.
// - Conditions (StringEquals / StringNotEquals / StringLike / StringNotLike on
//   aws:ResourceTag/<key>) are ANDed and narrow what was included. A negated condition on a
//   tag the instance does not carry holds (IAM's semantics for a missing key).
// - NotResources excludes, whatever else matched.
// Retention of a plan: its longest rule, from Lifecycle.DeleteAfterDays; a rule without
// DeleteAfterDays (and without DeleteAfterEvent) keeps recovery points forever.
// No RDS instance: not-applicable (rds.postgres-present grades it).
// A DB cluster is backed up as a whole, by its cluster ARN (arn:aws:rds:...:cluster:<id>) and
// its own tags: its members are judged once, by the cluster (lib/db-clusters.ts); a member's
// instance ARN in a selection does not back the cluster up. Recovery points are read for DB
// instance ARNs only, so a cluster gets no "not run yet" note, only one saying they were not read.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { Inventory } from '../inventory/types';
import { read, readOptional } from './lib/collected';
import { clusterFixTargets, clusterResource, databasesOf } from './lib/db-clusters';
import { dbId, dbInstances } from './lib/deployment';
import { globMatch, tagRecord } from './lib/match';
import { names } from './lib/fix';
import { errored, failingText, judge, notApplicable, resource } from './lib/outcome';
import { NO_DB_INSTANCE } from './lib/per-resource';
import { text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

type Plan = Extract<Inventory['backup']['plans'], { status: 'collected' }>['data'][number];
type Selection = Plan['selections'][number];

const TAG_PREFIX = 'aws:ResourceTag/';
function tagKey(conditionKey: string | undefined): string {
  const key = conditionKey ?? '';
  return key.startsWith(TAG_PREFIX) ? key.slice(TAG_PREFIX.length) : key;
}

/** How the selection covers the ARN ("by ARN pattern ...", "by tag ..."), or undefined. */
export function selectionCovers(selection: Selection, arn: string, tags: Record<string, string>): Bilingual | undefined {
  const resources = selection.Resources ?? [];
  const listOfTags = selection.ListOfTags ?? [];
  if ((selection.NotResources ?? []).some((p) => globMatch(p, arn))) return undefined;

  let how: Bilingual | undefined;
  if (resources.length === 0 && listOfTags.length === 0) how = text('모든 리소스 선택', 'selects all resources');
  const byArn = resources.find((p) => globMatch(p, arn));
  if (byArn) how = byArn === arn ? text('ARN으로', 'by ARN') : text(`패턴 ${byArn}(으)로`, `by pattern ${byArn}`);
  const byTag = listOfTags.find(
    (c) => (c.ConditionType ?? 'STRINGEQUALS').toUpperCase() === 'STRINGEQUALS' && tags[tagKey(c.ConditionKey)] === c.ConditionValue,
  );
  if (!how && byTag) {
    const tag = `${tagKey(byTag.ConditionKey)}=${byTag.ConditionValue}`;
    how = text(`태그 ${tag}(으)로`, `by tag ${tag}`);
  }
  if (!how) return undefined;

  const conditions = selection.Conditions ?? {};
  const value = (c: { ConditionKey?: string | undefined }) => tags[tagKey(c.ConditionKey)];
  const holds =
    (conditions.StringEquals ?? []).every((c) => value(c) === c.ConditionValue) &&
    (conditions.StringNotEquals ?? []).every((c) => value(c) !== c.ConditionValue) &&
    (conditions.StringLike ?? []).every((c) => value(c) !== undefined && globMatch(c.ConditionValue ?? '', value(c)!)) &&
    (conditions.StringNotLike ?? []).every((c) => value(c) === undefined || !globMatch(c.ConditionValue ?? '', value(c)!));
  if (!holds) return undefined;
  const conditionCount = Object.values(conditions).reduce((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
  return conditionCount ? text(`${how.ko}, 태그 조건 ${conditionCount}개 충족`, `${how.en}, with ${conditionCount} tag condition(s) met`) : how;
}

/** The longest retention of the plan's rules in days (Infinity: kept forever). */
export function planRetentionDays(plan: Plan): number {
  const days = (plan.plan.Rules ?? []).map((rule) => {
    const lifecycle = rule.Lifecycle;
    if (lifecycle?.DeleteAfterDays !== undefined) return lifecycle.DeleteAfterDays;
    return lifecycle?.DeleteAfterEvent ? 0 : Number.POSITIVE_INFINITY;
  });
  return days.length ? Math.max(...days) : 0;
}

function retentionText(days: number): Bilingual {
  return days === Number.POSITIVE_INFINITY ? text('영구 보관', 'kept forever') : text(`${days}일`, `${days} day(s)`);
}

export const check = defineCheck({
  ...catalogueEntry('backup.plan-covers-rds'),
  remediation: {
    ko: 'AWS Backup 계획(보존 7일 이상)을 만들고, 리소스 할당에서 RDS 인스턴스를 ARN으로 지정하거나 인스턴스에 실제로 붙어 있는 태그로 선택하세요. 태그로 선택할 때는 DB 인스턴스에 그 태그가 있는지 꼭 확인하세요.',
    en: 'Create an AWS Backup plan (retention 7+ days) and assign the RDS instance to it by ARN, or by a tag the instance really carries. When selecting by tag, check the DB instance has that tag.',
    console: {
      ko: 'AWS Backup 콘솔 > 백업 계획 > 백업 계획 생성: 새 계획 구축, 백업 규칙의 보존 기간 7일 이상 > 계획 생성. 리소스 할당 > 리소스 할당: 특정 리소스 유형 "RDS", 데이터베이스 이름 = (DB 인스턴스) > 리소스 할당.',
      en: 'AWS Backup console > Backup plans > Create backup plan: build a new plan, backup rule retention period 7 days or more > Create plan. Resource assignments > Assign resources: specific resource type "RDS", database name = (the DB instance) > Assign resources.',
    },
    cdk: `const plan = new backup.BackupPlan(this, 'Plan', {
  backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily', deleteAfter: Duration.days(7),
    scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }) })],
});
plan.addSelection('Db', { resources: [backup.BackupResource.fromRdsDatabaseInstance(db)] });`,
  },
  datasets: ['rds.instances', 'backup.plans'],
  optionalDatasets: ['backup.recoveryPoints', 'rds.clusters'],
  remediationFor(inventory, config) {
    const clusters = clusterFixTargets(inventory, 'every-cluster');
    if (clusters) {
      // A DB cluster is selected by its cluster ARN: DescribeDBClusters', else built from a member's.
      const known = inventory.rds.clusters ? readOptional(inventory.rds.clusters) : undefined;
      const memberArn = dbInstances(inventory)[0]?.DBInstanceArn ?? '';
      const arns = clusters.map((id) => known?.find((c) => c.DBClusterIdentifier === id)?.DBClusterArn ?? memberArn.replace(/:db:.*$/, `:cluster:${id}`));
      const ids = names(clusters);
      const days = config.backupRetentionDays;
      return {
        ...check.remediation,
        ko: `AWS Backup 계획(보존 ${days}일 이상)을 만들고, 리소스 할당에서 DB 클러스터 ${ids}을(를) 클러스터 ARN(${names(arns)})으로 지정하거나 클러스터에 실제로 붙어 있는 태그로 선택하세요. 멤버 인스턴스의 ARN으로는 클러스터가 백업되지 않습니다.`,
        en: `Create an AWS Backup plan (retention ${days}+ days) and assign DB cluster ${ids} to it by its cluster ARN (${names(arns)}), or by a tag the cluster really carries. Its member instances' ARNs do not back the cluster up.`,
        console: {
          ko: `AWS Backup 콘솔 > 백업 계획 > 백업 계획 생성: 새 계획 구축, 백업 규칙의 보존 기간 ${days}일 이상 > 계획 생성. 리소스 할당 > 리소스 할당: 멤버 인스턴스가 아니라 DB 클러스터 ${ids}을(를) 선택 > 리소스 할당.`,
          en: `AWS Backup console > Backup plans > Create backup plan: build a new plan, backup rule retention period ${days} days or more > Create plan. Resource assignments > Assign resources: choose DB cluster ${ids}, not its member instances > Assign resources.`,
        },
        cdk: (check.remediation.cdk ?? '')
          .replace('Duration.days(7)', `Duration.days(${days})`)
          .replace('backup.BackupResource.fromRdsDatabaseInstance(db)', `backup.BackupResource.fromArn('${arns[0]}')`),
      };
    }
    const dbs = names(dbInstances(inventory).map(dbId));
    if (!dbs) return check.remediation;
    const days = config.backupRetentionDays;
    return {
      ...check.remediation,
      ko: `AWS Backup 계획(보존 ${days}일 이상)을 만들고, 리소스 할당에서 RDS 인스턴스 ${dbs}을(를) ARN으로 지정하거나 인스턴스에 실제로 붙어 있는 태그로 선택하세요. 태그로 선택할 때는 ${dbs}에 그 태그가 있는지 꼭 확인하세요.`,
      en: `Create an AWS Backup plan (retention ${days}+ days) and assign RDS instance ${dbs} to it by ARN, or by a tag the instance really carries. When selecting by tag, check ${dbs} has that tag.`,
      console: {
        ko: `AWS Backup 콘솔 > 백업 계획 > 백업 계획 생성: 새 계획 구축, 백업 규칙의 보존 기간 ${days}일 이상 > 계획 생성. 리소스 할당 > 리소스 할당: 특정 리소스 유형 "RDS", 데이터베이스 이름 = ${dbs} > 리소스 할당.`,
        en: `AWS Backup console > Backup plans > Create backup plan: build a new plan, backup rule retention period ${days} days or more > Create plan. Resource assignments > Assign resources: specific resource type "RDS", database name = ${dbs} > Assign resources.`,
      },
      cdk: (check.remediation.cdk ?? '').replace('Duration.days(7)', `Duration.days(${days})`),
    };
  },
  evaluate(inventory, config) {
    if (dbInstances(inventory).length === 0) return notApplicable(NO_DB_INSTANCE);
    const plans = read(inventory.backup.plans);
    const found = databasesOf(inventory, { where: 'every-cluster', setting: text('ARN과 태그', 'ARN and tags') });
    if ('unreadable' in found) return errored(found.unreadable);
    const points = inventory.backup.recoveryPoints;
    const recoveryPoints = readOptional(points);
    const notes: Bilingual[] = [...found.notes];
    const min = config.backupRetentionDays;
    const coverage: Record<string, string[]> = {};

    const resources = found.databases.map((d) => {
      const isCluster = d.kind === 'cluster';
      const id = isCluster ? (d.cluster.DBClusterIdentifier ?? '?') : dbId(d.db);
      const arn = (isCluster ? d.cluster.DBClusterArn : d.db.DBInstanceArn) ?? '';
      const tags = tagRecord(isCluster ? d.cluster.TagList : d.db.TagList);
      const hits = plans.flatMap((plan) =>
        plan.selections.flatMap((selection) => {
          const how = selectionCovers(selection, arn, tags);
          return how ? [{ plan, selection, how, days: planRetentionDays(plan) }] : [];
        }),
      );
      const good = hits.filter((h) => h.days >= config.backupRetentionDays);
      const planName = (h: (typeof hits)[number]) => h.plan.plan.BackupPlanName ?? h.plan.planId;
      coverage[id] = hits.map((h) => `${planName(h)}/${h.selection.SelectionName} (${h.how.en}; ${retentionText(h.days).en})`);
      let detail: Bilingual;
      if (good.length) {
        const h = good[0]!;
        const kept = retentionText(h.days);
        detail = text(
          `계획 ${planName(h)}(보존 ${kept.ko})의 선택 ${h.selection.SelectionName}이(가) ${h.how.ko} 포함`,
          `covered by plan ${planName(h)} (retention ${kept.en}) via selection ${h.selection.SelectionName} ${h.how.en}`,
        );
        if (recoveryPoints && isCluster && recoveryPoints[arn] === undefined) {
          notes.push(text(`DB 클러스터 ${id}의 복구 시점은 읽지 않았습니다(DB 인스턴스의 것만 읽습니다).`, `The recovery points of DB cluster ${id} were not read (only DB instances' are).`));
        } else if (recoveryPoints && (recoveryPoints[arn] ?? []).length === 0) {
          notes.push(text(`${id}의 복구 시점이 아직 없습니다: 계획이 아직 실행되지 않았습니다.`, `No recovery point exists yet for ${id}: the plan has not run yet.`));
        }
      } else if (hits.length) {
        const list = (lang: 'ko' | 'en') => hits.map((h) => `${planName(h)} (${retentionText(h.days)[lang]})`).join(', ');
        detail = text(`백업을 ${min}일보다 짧게 보관하는 계획만 선택함: ${list('ko')}`, `selected only by plans keeping backups less than ${min} days: ${list('en')}`);
      } else {
        const tagList = Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ');
        const tagText = tagList ? text(`태그: ${tagList}`, `its tags: ${tagList}`) : text('태그 없음', 'it has no tags');
        const memberArns = d.kind === 'cluster' ? d.members.map((m) => m.DBInstanceArn).filter((a): a is string => Boolean(a)) : [];
        const byMember = memberArns.some((m) => plans.some((plan) => plan.selections.some((sel) => (sel.Resources ?? []).includes(m))));
        if (byMember && d.kind === 'cluster') {
          detail = text(
            `선택이 클러스터 ARN이 아니라 멤버 인스턴스 ARN을 지정함: DB 클러스터는 클러스터 ARN(${arn})으로 백업됩니다`,
            `a selection names member instance ARNs, not the cluster's: a DB cluster is backed up by its cluster ARN (${arn})`,
          );
          return clusterResource(false, d.cluster, d.members, detail);
        }
        detail = plans.length
          ? text(`백업 계획 ${plans.length}개의 어떤 선택도 포함하지 않음(${tagText.ko})`, `no selection of the ${plans.length} backup plan(s) covers it (${tagText.en})`)
          : text('AWS Backup 계획이 없음', 'no AWS Backup plan exists');
      }
      if (d.kind === 'cluster') return clusterResource(good.length > 0, d.cluster, d.members, detail);
      return resource(good.length > 0, id, detail, { arn, type: 'AWS::RDS::DBInstance' });
    });
    if (points.status === 'not-collected') {
      notes.push(text(`복구 시점을 읽지 못했습니다(${points.operation}: ${points.reason}).`, `Recovery points could not be read (${points.operation}: ${points.reason}).`));
    }
    return judge(
      resources,
      text(`${min}일 이상 보관하는 AWS Backup 계획이 RDS 인스턴스를 포함합니다.`, `An AWS Backup plan keeping ${min}+ days covers the RDS instance.`),
      (f) => {
        const d = failingText(f);
        return text(`백업 계획에 포함되지 않은 RDS: ${d.ko}.`, `RDS not covered by a backup plan: ${d.en}.`);
      },
      { evidence: { coverage }, notes },
    );
  },
});
