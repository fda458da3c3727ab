// The checks in catalogue order (contract/check-catalogue.ts: every live check of
// ../shared/spec/checks.md, drills excluded), which is the order of the report. One file per
// check id, which takes its metadata from the catalogue by that id; the registry test
// (checks/test/registry.catalog.test.ts) keeps the files and the catalogue in step.
import type { Category } from '../../contract/report';
import { LIVE_CHECK_IDS } from '../../contract/check-catalogue';
import { check as albInternetFacing } from './alb.internet-facing';
import { check as albMultiAz } from './alb.multi-az';
import { check as alarmsActions } from './alarms.actions';
import { check as alarmsCoverage } from './alarms.coverage';
import { check as asgBehindAlb } from './asg.behind-alb';
import { check as asgGroupMetrics } from './asg.group-metrics';
import { check as asgMultiAz } from './asg.multi-az';
import { check as asgScalingPolicy } from './asg.scaling-policy';
import { check as backupPlanCoversRds } from './backup.plan-covers-rds';
import { check as cloudfrontHttpsOnly } from './cloudfront.https-only';
import { check as cloudfrontOriginAccessControl } from './cloudfront.origin-access-control';
import { check as costWithinBudget } from './cost.within-budget';
import { check as dashboardPresent } from './dashboard.present';
import { check as ec2Imdsv2 } from './ec2.imdsv2';
import { check as elasticacheAutomaticFailover } from './elasticache.automatic-failover';
import { check as elasticacheEncryption } from './elasticache.encryption';
import { check as elasticacheRedisPresent } from './elasticache.redis-present';
import { check as elasticacheSnapshots } from './elasticache.snapshots';
import { check as frontendS3Cloudfront } from './frontend.s3-cloudfront';
import { check as iamInstanceRoleLeastPrivilege } from './iam.instance-role-least-privilege';
import { check as logsRetention } from './logs.retention';
import { check as natPerAz } from './nat.per-az';
import { check as rdsBackupRetention } from './rds.backup-retention';
import { check as rdsDeletionProtection } from './rds.deletion-protection';
import { check as rdsEncrypted } from './rds.encrypted';
import { check as rdsEnhancedMonitoring } from './rds.enhanced-monitoring';
import { check as rdsMultiAz } from './rds.multi-az';
import { check as rdsNotPublic } from './rds.not-public';
import { check as rdsPostgresPresent } from './rds.postgres-present';
import { check as s3BlockPublicAccess } from './s3.block-public-access';
import { check as secretsNoPlaintext } from './secrets.no-plaintext';
import { check as sgAlbIngress } from './sg.alb-ingress';
import { check as sgAppFromAlbOnly } from './sg.app-from-alb-only';
import { check as sgCacheFromAppOnly } from './sg.cache-from-app-only';
import { check as sgDbFromAppOnly } from './sg.db-from-app-only';
import { check as tagsCleanup } from './tags.cleanup';
import { check as vpcMultiAzSubnets } from './vpc.multi-az-subnets';
import { check as vpcPrivateTiers } from './vpc.private-tiers';
import { check as wiringTargetsHealthy } from './wiring.targets-healthy';
import type { Check } from './types';

/** Every rule, in any order: the catalogue orders them. */
const RULES: readonly Check[] = [
  albInternetFacing,
  albMultiAz,
  alarmsActions,
  alarmsCoverage,
  asgBehindAlb,
  asgGroupMetrics,
  asgMultiAz,
  asgScalingPolicy,
  backupPlanCoversRds,
  cloudfrontHttpsOnly,
  cloudfrontOriginAccessControl,
  costWithinBudget,
  dashboardPresent,
  ec2Imdsv2,
  elasticacheAutomaticFailover,
  elasticacheEncryption,
  elasticacheRedisPresent,
  elasticacheSnapshots,
  frontendS3Cloudfront,
  iamInstanceRoleLeastPrivilege,
  logsRetention,
  natPerAz,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsEncrypted,
  rdsEnhancedMonitoring,
  rdsMultiAz,
  rdsNotPublic,
  rdsPostgresPresent,
  s3BlockPublicAccess,
  secretsNoPlaintext,
  sgAlbIngress,
  sgAppFromAlbOnly,
  sgCacheFromAppOnly,
  sgDbFromAppOnly,
  tagsCleanup,
  vpcMultiAzSubnets,
  vpcPrivateTiers,
  wiringTargetsHealthy,
];

function inCatalogueOrder(rules: readonly Check[]): readonly Check[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return LIVE_CHECK_IDS.map((id) => {
    const rule = byId.get(id);
    if (!rule) throw new Error(`checks/rules: no rule file for catalogue check ${id} (checks/rules/${id}.ts, listed in index.ts)`);
    return rule;
  });
}

export const CHECKS: readonly Check[] = Object.freeze(inCatalogueOrder(RULES));

export const CHECK_IDS: readonly string[] = CHECKS.map((c) => c.id);

export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}

export function checksOf(category: Category): Check[] {
  return CHECKS.filter((c) => c.category === category);
}
