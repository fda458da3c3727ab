// Issue 13 item 1: every fix a student reads names their own deployment's ports and paths. The
// remediation of every check is rendered for the reference deployment and for a console-built
// one on other ports (app 3000 checked on /status, PostgreSQL 5433, Redis 6380), and every port
// and health check path in its texts, console steps and CDK snippet must be that deployment's.
import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../contract/report';
import { referenceInventory } from '../../fixtures/inventories/reference';
import { CONSOLE_PORTS, MULTI_AZ_CLUSTER, consoleBuiltOtherPorts, withMultiAzDbCluster } from '../../fixtures/inventories/variants';
import { WORKLOAD_HEALTH_PATH } from '../../stacks/tiers/workload-env';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../config';
import type { Inventory } from '../inventory/types';
import { evaluateChecks } from '../rules/evaluate';
import { CHECKS } from '../rules/index';

/** Every text of a remediation a renderer may show. */
function remediationTexts(outcome: CheckOutcome): string[] {
  const r = outcome.remediation;
  return [r.ko, r.en, r.cdk, r.console?.ko, r.console?.en, r.warning?.ko, r.warning?.en].filter((t): t is string => t !== undefined);
}

/** Numbers a text presents as a port: "port 5433", "포트 5433", "TCP 6380", "Port.tcp(3000)", "port: 3000". */
function portsIn(text: string): number[] {
  const found: number[] = [];
  for (const pattern of [/\bports?\b\s*:?\s*(\d{2,5})\b/gi, /포트\s*(\d{2,5})\b/g, /\btcp\s*\(?\s*(\d{2,5})\b/gi]) {
    for (const match of text.matchAll(pattern)) found.push(Number(match[1]));
  }
  return found.filter((n) => n >= 20);
}

/** Health-check-like paths: "/health", "/healthz", "/status", "/ready...". */
function healthPathsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w.])\/(?:health\w*|status\w*|ready\w*|ping)\b/g)].map((m) => m[0]);
}

interface Deployment {
  name: string;
  inventory: () => Inventory;
  config: CheckConfig;
  ports: number[];
  paths: string[];
}

const DEPLOYMENTS: Deployment[] = [
  // ALB listeners 80/443 are the internet's ports in every deployment.
  { name: 'reference', inventory: referenceInventory, config: DEFAULT_CHECK_CONFIG, ports: [80, 443, 8080, 5432, 6379], paths: [WORKLOAD_HEALTH_PATH] },
  {
    name: 'console-built on other ports',
    inventory: consoleBuiltOtherPorts,
    config: { ...DEFAULT_CHECK_CONFIG, appPort: CONSOLE_PORTS.app },
    ports: [80, 443, CONSOLE_PORTS.app, CONSOLE_PORTS.db, CONSOLE_PORTS.cache],
    // The target group's own path, and the one the CloudMart API answers on (the fix moves to it).
    paths: [CONSOLE_PORTS.healthPath, WORKLOAD_HEALTH_PATH],
  },
];

describe('remediation names the deployment it is about', () => {
  for (const deployment of DEPLOYMENTS) {
    describe(deployment.name, () => {
      const outcomes = evaluateChecks(deployment.inventory(), deployment.config);

      it.each(CHECKS.map((c) => c.id))('%s: every port and health check path in its fix is the deployment\'s own', (id) => {
        const outcome = outcomes.find((o) => o.id === id)!;
        for (const text of remediationTexts(outcome)) {
          for (const port of portsIn(text)) expect(deployment.ports, `${id}: port ${port} in "${text}"`).toContain(port);
          for (const path of healthPathsIn(text)) expect(deployment.paths, `${id}: path ${path} in "${text}"`).toContain(path);
        }
      });
    });
  }

  it('wiring.targets-healthy names the target group, its port and the path the API answers on', () => {
    const outcome = evaluateChecks(consoleBuiltOtherPorts(), { ...DEFAULT_CHECK_CONFIG, appPort: CONSOLE_PORTS.app }).find((o) => o.id === 'wiring.targets-healthy')!;
    expect(outcome.remediation.en).toContain(`checks HTTP ${CONSOLE_PORTS.healthPath} on the targets' port ${CONSOLE_PORTS.app}`);
    expect(outcome.remediation.en).toContain(`set the health check path to ${WORKLOAD_HEALTH_PATH}`);
    expect(outcome.remediation.cdk).toContain(`port: ${CONSOLE_PORTS.app},`);
    expect(outcome.remediation.cdk).toContain(`path: '${WORKLOAD_HEALTH_PATH}'`);
    expect(outcome.remediation.console?.ko).toContain('CloudMart-s01-app');
  });

  it('the security-group fixes carry the DB and Redis ports the deployment listens on', () => {
    const outcomes = evaluateChecks(consoleBuiltOtherPorts(), { ...DEFAULT_CHECK_CONFIG, appPort: CONSOLE_PORTS.app });
    expect(outcomes.find((o) => o.id === 'sg.db-from-app-only')!.remediation.en).toContain(`TCP ${CONSOLE_PORTS.db} from the app security group`);
    expect(outcomes.find((o) => o.id === 'sg.cache-from-app-only')!.remediation.cdk).toContain(`ec2.Port.tcp(${CONSOLE_PORTS.cache})`);
    expect(outcomes.find((o) => o.id === 'sg.app-from-alb-only')!.remediation.cdk).toContain(`ec2.Port.tcp(${CONSOLE_PORTS.app})`);
  });

  it('rds.multi-az warns what "apply immediately" does to the instance, in both languages', () => {
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Migrating.html (no downtime; snapshot seeds the standby; write latency rises)
    const warning = CHECKS.find((c) => c.id === 'rds.multi-az')!.remediation.warning;
    expect(warning?.en).toMatch(/Apply immediately/);
    expect(warning?.en).toMatch(/no downtime/);
    expect(warning?.en).toMatch(/snapshot/);
    expect(warning?.en).toMatch(/write latency/);
    expect(warning?.ko).toMatch(/즉시 적용/);
    expect(warning?.ko).toMatch(/스냅샷/);
  });

  it('rds.postgres-present warns that moving to another DB subnet group is an outage', () => {
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html (DBSubnetGroupName: changing the subnet group causes an outage)
    const outcome = evaluateChecks(referenceInventory()).find((o) => o.id === 'rds.postgres-present')!;
    expect(outcome.remediation.warning?.en).toMatch(/outage/);
    expect(outcome.remediation.warning?.ko).toMatch(/중단/);
  });

  it('cost.within-budget warns that changing the RDS instance class is an outage', () => {
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html (DBInstanceClass: an outage occurs during the change)
    const warning = CHECKS.find((c) => c.id === 'cost.within-budget')!.remediation.warning;
    expect(warning?.en).toMatch(/outage during the change/);
    expect(warning?.ko).toMatch(/중단/);
  });

  it('the fixes that replace a resource warn first, in both languages', () => {
    for (const id of ['rds.encrypted', 'elasticache.encryption']) {
      const warning = CHECKS.find((c) => c.id === id)!.remediation.warning;
      expect(warning?.ko, id).toMatch(/[가-힣]/);
      expect(warning?.en, id).toMatch(/new /);
    }
  });
});

// "You can't modify the DB instances within a Multi-AZ DB cluster. All modifications must be done at the DB cluster level": https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/modify-multi-az-db-cluster.html
describe('the fix for a Multi-AZ DB cluster modifies the cluster, never its members', () => {
  const outcomes = evaluateChecks(withMultiAzDbCluster(), DEFAULT_CHECK_CONFIG);
  it.each(['rds.deletion-protection', 'rds.backup-retention', 'rds.not-public', 'rds.enhanced-monitoring', 'rds.encrypted', 'backup.plan-covers-rds'])('%s names the DB cluster', (id) => {
    const texts = remediationTexts(outcomes.find((o) => o.id === id)!);
    const r = outcomes.find((o) => o.id === id)!.remediation;
    expect(r.en).toContain(`DB cluster ${MULTI_AZ_CLUSTER.id}`);
    expect(r.ko).toContain(`DB 클러스터 ${MULTI_AZ_CLUSTER.id}`);
    for (const t of texts) {
      for (const member of MULTI_AZ_CLUSTER.members) expect(t).not.toContain(member);
      expect(t).not.toMatch(/Modify DB instance|DB 인스턴스 수정|DatabaseInstance|fromRdsDatabaseInstance/);
    }
  });
  it('backup.plan-covers-rds names the cluster ARN, and rds.encrypted does not send the student to copy a cluster snapshot', () => {
    expect(outcomes.find((o) => o.id === 'backup.plan-covers-rds')!.remediation.cdk).toContain(`backup.BackupResource.fromArn('${MULTI_AZ_CLUSTER.arn}')`);
    // "Copying a snapshot of a Multi-AZ DB cluster" and "Encrypting an unencrypted Multi-AZ DB cluster" are unsupported: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.Limitations.html
    const encrypted = remediationTexts(outcomes.find((o) => o.id === 'rds.encrypted')!).join(' ');
    expect(encrypted).not.toMatch(/Copy snapshot|스냅샷 복사/);
    expect(encrypted).toContain('create a new Multi-AZ DB cluster with storage encryption on');
  });
});
