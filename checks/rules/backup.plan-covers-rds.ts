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
import type { Inventory } from '../inventory/types';
import { read, readOptional } from './lib/collected';
import { dbId, dbInstances } from './lib/deployment';
import { globMatch, tagRecord } from './lib/match';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

type Plan = Extract<Inventory['backup']['plans'], { status: 'collected' }>['data'][number];
type Selection = Plan['selections'][number];

const TAG_PREFIX = 'aws:ResourceTag/';
function tagKey(conditionKey: string | undefined): string {
  const key = conditionKey ?? '';
  return key.startsWith(TAG_PREFIX) ? key.slice(TAG_PREFIX.length) : key;
}

/** How the selection covers the ARN ("by ARN pattern ...", "by tag ..."), or undefined. */
export function selectionCovers(selection: Selection, arn: string, tags: Record<string, string>): string | undefined {
  const resources = selection.Resources ?? [];
  const listOfTags = selection.ListOfTags ?? [];
  if ((selection.NotResources ?? []).some((p) => globMatch(p, arn))) return undefined;

  let how: string | undefined;
  if (resources.length === 0 && listOfTags.length === 0) how = 'selects all resources';
  const byArn = resources.find((p) => globMatch(p, arn));
  if (byArn) how = byArn === arn ? 'by ARN' : `by pattern ${byArn}`;
  const byTag = listOfTags.find(
    (c) => (c.ConditionType ?? 'STRINGEQUALS').toUpperCase() === 'STRINGEQUALS' && tags[tagKey(c.ConditionKey)] === c.ConditionValue,
  );
  if (!how && byTag) how = `by tag ${tagKey(byTag.ConditionKey)}=${byTag.ConditionValue}`;
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
  return conditionCount ? `${how}, with ${conditionCount} tag condition(s) met` : how;
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

function retentionText(days: number): string {
  return days === Number.POSITIVE_INFINITY ? 'kept forever' : `${days} day(s)`;
}

export const check = defineCheck({
  id: 'backup.plan-covers-rds',
  category: 'high-availability',
  severity: 'medium',
  title: {
    ko: '보존 기간 7일 이상의 AWS Backup 계획이 RDS 인스턴스를 포함함',
    en: 'An AWS Backup plan with 7+ days retention covers the RDS instance',
  },
  remediation: {
    ko: 'AWS Backup 계획(보존 7일 이상)을 만들고, 리소스 할당에서 RDS 인스턴스를 ARN으로 지정하거나 인스턴스에 실제로 붙어 있는 태그로 선택하세요. 태그로 선택할 때는 DB 인스턴스에 그 태그가 있는지 꼭 확인하세요.',
    en: 'Create an AWS Backup plan (retention 7+ days) and assign the RDS instance to it by ARN, or by a tag the instance really carries. When selecting by tag, check the DB instance has that tag.',
    cdk: `const plan = new backup.BackupPlan(this, 'Plan', {
  backupPlanRules: [new backup.BackupPlanRule({ ruleName: 'daily', deleteAfter: Duration.days(7),
    scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }) })],
});
plan.addSelection('Db', { resources: [backup.BackupResource.fromRdsDatabaseInstance(db)] });`,
  },
  refs: { fsbp: ['RDS.26'], cdkNag: [], prowler: [] },
  datasets: ['rds.instances', 'backup.plans'],
  optionalDatasets: ['backup.recoveryPoints'],
  evaluate(inventory, config) {
    const dbs = dbInstances(inventory);
    if (dbs.length === 0) return notApplicable('The deployment has no RDS instance (graded by rds.postgres-present).');
    const plans = read(inventory.backup.plans);
    const points = inventory.backup.recoveryPoints;
    const recoveryPoints = readOptional(points);
    const notes: string[] = [];
    const coverage: Record<string, string[]> = {};

    const resources = dbs.map((db) => {
      const arn = db.DBInstanceArn ?? '';
      const tags = tagRecord(db.TagList);
      const hits = plans.flatMap((plan) =>
        plan.selections.flatMap((selection) => {
          const how = selectionCovers(selection, arn, tags);
          return how ? [{ plan, selection, how, days: planRetentionDays(plan) }] : [];
        }),
      );
      const good = hits.filter((h) => h.days >= config.backupRetentionDays);
      coverage[dbId(db)] = hits.map((h) => `${h.plan.plan.BackupPlanName ?? h.plan.planId}/${h.selection.SelectionName} (${h.how}; ${retentionText(h.days)})`);
      let detail: string;
      if (good.length) {
        const h = good[0]!;
        detail = `covered by plan ${h.plan.plan.BackupPlanName ?? h.plan.planId} (retention ${retentionText(h.days)}) via selection ${h.selection.SelectionName} ${h.how}`;
        if (recoveryPoints && (recoveryPoints[arn] ?? []).length === 0) {
          notes.push(`No recovery point exists yet for ${dbId(db)}: the plan has not run yet.`);
        }
      } else if (hits.length) {
        detail = `selected only by plans keeping backups less than ${config.backupRetentionDays} days: ${hits
          .map((h) => `${h.plan.plan.BackupPlanName ?? h.plan.planId} (${retentionText(h.days)})`)
          .join(', ')}`;
      } else {
        const tagText = Object.keys(tags).length ? `its tags: ${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ')}` : 'it has no tags';
        detail = plans.length ? `no selection of the ${plans.length} backup plan(s) covers it (${tagText})` : 'no AWS Backup plan exists';
      }
      return resource(good.length > 0, dbId(db), detail, { arn, type: 'AWS::RDS::DBInstance' });
    });
    if (points.status === 'not-collected') notes.push(`Recovery points could not be read (${points.operation}: ${points.reason}).`);
    return judge(
      resources,
      `An AWS Backup plan keeping ${config.backupRetentionDays}+ days covers the RDS instance.`,
      (f) => `RDS not covered by a backup plan: ${failingDetails(f)}.`,
      { evidence: { coverage }, notes },
    );
  },
});
