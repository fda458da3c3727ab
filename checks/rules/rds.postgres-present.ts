// rds.postgres-present: a PostgreSQL RDS instance exists in a DB subnet group of private
// subnets. Passes when at least one RDS for PostgreSQL instance does (engine "postgres";
// Aurora PostgreSQL is a cluster, not the RDS instance the course asks for). No PostgreSQL
// instance: fail; this is the check that grades the database's existence, so the other rds.*
// checks say not-applicable then.
import { dbId, dbInstances, isPostgres } from './lib/deployment';
import { errored, failed, failingDetails, resource } from './lib/outcome';
import { network } from './lib/network';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'rds.postgres-present',
  category: 'architecture',
  severity: 'high',
  title: {
    ko: '프라이빗 서브넷의 DB 서브넷 그룹에 RDS PostgreSQL 인스턴스가 있음',
    en: 'An RDS PostgreSQL instance runs in a DB subnet group of private subnets',
  },
  remediation: {
    ko: 'RDS for PostgreSQL 인스턴스를 만들고, DB 서브넷 그룹에는 인터넷 게이트웨이 경로가 없는 프라이빗 서브넷(2개 AZ)만 넣으세요.',
    en: 'Create an RDS for PostgreSQL instance whose DB subnet group holds only private subnets (no route to the internet gateway) in 2 AZs.',
    cdk: `new rds.DatabaseInstance(this, 'Db', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
});`,
  },
  refs: { fsbp: [], cdkNag: [], prowler: [] },
  datasets: ['rds.instances', 'ec2.subnets', 'ec2.routeTables'],
  evaluate(inventory) {
    const all = dbInstances(inventory);
    const postgres = all.filter(isPostgres);
    if (postgres.length === 0) {
      const others = all.map((db) => `${dbId(db)} (${db.Engine ?? 'unknown engine'})`);
      return failed(
        others.length ? `No PostgreSQL RDS instance; found ${others.join(', ')}.` : 'No RDS instance was found in the deployment.',
        all.map((db) => resource(false, dbId(db), `engine ${db.Engine ?? 'unknown'}, not postgres`, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' })),
      );
    }
    const net = network(inventory);
    let undecided = false;
    const resources = postgres.map((db) => {
      const group = db.DBSubnetGroup;
      const views = (group?.Subnets ?? []).map((s) => net.subnet(s.SubnetIdentifier ?? ''));
      const exposed = views.filter((v) => v.tier === 'public');
      if (views.some((v) => v.tier === 'unknown')) undecided = true;
      const ok = views.length > 0 && views.every((v) => v.tier === 'private');
      const detail = !group
        ? 'has no DB subnet group'
        : `postgres ${db.EngineVersion ?? ''} in DB subnet group ${group.DBSubnetGroupName}: ` +
          views.map((v) => `${v.id} (${v.tier})`).join(', ') +
          (exposed.length ? ' — public subnets in the group' : '');
      return resource(ok, dbId(db), detail, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' });
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length) return { status: 'pass', summary: `${good.map((r) => r.id).join(', ')} runs PostgreSQL in private subnets.`, resources };
    if (undecided) return errored('Cannot tell whether the DB subnet group is private: a route table is not in the inventory.', resources);
    return failed(`No PostgreSQL instance sits in private subnets: ${failingDetails(resources)}.`, resources);
  },
});
