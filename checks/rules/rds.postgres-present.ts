// rds.postgres-present: a PostgreSQL RDS instance exists in a DB subnet group of private
// subnets. Passes when at least one RDS for PostgreSQL instance does (engine "postgres";
// Aurora PostgreSQL is a cluster, not the RDS instance the course asks for). No PostgreSQL
// instance: fail; this is the check that grades the database's existence, so the other rds.*
// checks say not-applicable then.
import { catalogueEntry } from '../../contract/check-catalogue';
import { dbId, dbInstances, isPostgres } from './lib/deployment';
import { names } from './lib/fix';
import { errored, failed, failingText, resource } from './lib/outcome';
import { network, subnetTiersText } from './lib/network';
import { idList, text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('rds.postgres-present'),
  remediation: {
    ko: 'RDS for PostgreSQL 인스턴스를 만들고, DB 서브넷 그룹에는 인터넷 게이트웨이 경로가 없는 프라이빗 서브넷(2개 AZ)만 넣으세요.',
    en: 'Create an RDS for PostgreSQL instance whose DB subnet group holds only private subnets (no route to the internet gateway) in 2 AZs.',
    console: {
      ko: 'RDS 콘솔 > 서브넷 그룹 > DB 서브넷 그룹 생성: 배포의 VPC, 두 AZ의 프라이빗 서브넷만 선택 > 생성. 데이터베이스 > 데이터베이스 생성: 엔진 "PostgreSQL", 연결 > DB 서브넷 그룹 = 그 그룹, 퍼블릭 액세스 "아니요" > 데이터베이스 생성. 이미 퍼블릭 서브넷이 든 그룹이면 새 그룹으로 인스턴스를 옮기세요(수정 > 연결).',
      en: 'RDS console > Subnet groups > Create DB subnet group: the deployment\'s VPC, only the private subnets of two AZs > Create. Databases > Create database: engine "PostgreSQL", Connectivity > DB subnet group = that group, Public access "No" > Create database. If the instance\'s group holds public subnets, move it to the new group (Modify > Connectivity).',
    },
    warning: {
      ko: 'DB 인스턴스를 다른 DB 서브넷 그룹으로 옮기면 변경하는 동안 중단이 생깁니다("즉시 적용"을 고르지 않으면 다음 유지 관리 기간에 적용됨). 쓰기가 적은 시간에 하세요.',
      en: 'Moving a DB instance to another DB subnet group causes an outage during the change (applied in the next maintenance window unless you choose "Apply immediately"). Do it at a quiet time.',
    },
    cdk: `new rds.DatabaseInstance(this, 'Db', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
});`,
  },
  datasets: ['rds.instances', 'ec2.subnets', 'ec2.routeTables'],
  remediationFor(inventory) {
    const postgres = dbInstances(inventory).filter(isPostgres);
    const groups = names([...new Set(postgres.map((db) => db.DBSubnetGroup?.DBSubnetGroupName).filter((g): g is string => g !== undefined))]);
    if (!groups) return check.remediation;
    const dbs = names(postgres.map(dbId));
    return {
      ...check.remediation,
      ko: `RDS 인스턴스 ${dbs}의 DB 서브넷 그룹 ${groups}에는 인터넷 게이트웨이 경로가 없는 프라이빗 서브넷(2개 AZ)만 넣으세요.`,
      en: `Keep only private subnets (no route to the internet gateway) in 2 AZs in DB subnet group ${groups} of RDS instance ${dbs}.`,
      console: {
        ko: `RDS 콘솔 > 서브넷 그룹 > ${groups} > 편집: 두 AZ의 프라이빗 서브넷만 남기고 퍼블릭 서브넷 제거 > 저장. 인스턴스가 쓰는 서브넷이라 제거되지 않으면, 프라이빗 서브넷만 든 새 DB 서브넷 그룹을 만들고 데이터베이스 > ${dbs} > 수정 > 연결에서 그 그룹으로 옮기세요.`,
        en: `RDS console > Subnet groups > ${groups} > Edit: keep only the private subnets of two AZs, remove the public ones > Save. If a subnet the instance uses cannot be removed, create a new DB subnet group of private subnets and move ${dbs} to it (Databases > ${dbs} > Modify > Connectivity).`,
      },
      warning: check.remediation.warning,
    };
  },
  evaluate(inventory) {
    const all = dbInstances(inventory);
    const postgres = all.filter(isPostgres);
    if (postgres.length === 0) {
      const others = all.map((db) => `${dbId(db)} (${db.Engine ?? 'unknown engine'})`).join(', ');
      return failed(
        others.length
          ? text(`PostgreSQL RDS 인스턴스가 없습니다. 찾은 인스턴스: ${others}.`, `No PostgreSQL RDS instance; found ${others}.`)
          : text('배포에서 RDS 인스턴스를 찾지 못했습니다.', 'No RDS instance was found in the deployment.'),
        all.map((db) =>
          resource(false, dbId(db), text(`엔진 ${db.Engine ?? '알 수 없음'}, postgres 아님`, `engine ${db.Engine ?? 'unknown'}, not postgres`), {
            arn: db.DBInstanceArn,
            type: 'AWS::RDS::DBInstance',
          }),
        ),
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
      const tiers = subnetTiersText(views);
      const detail = !group
        ? text('DB 서브넷 그룹 없음', 'has no DB subnet group')
        : text(
            `DB 서브넷 그룹 ${group.DBSubnetGroupName}의 postgres ${db.EngineVersion ?? ''}: ${tiers.ko}${exposed.length ? ' — 그룹에 퍼블릭 서브넷이 있음' : ''}`,
            `postgres ${db.EngineVersion ?? ''} in DB subnet group ${group.DBSubnetGroupName}: ${tiers.en}${exposed.length ? ' — public subnets in the group' : ''}`,
          );
      return resource(ok, dbId(db), detail, { arn: db.DBInstanceArn, type: 'AWS::RDS::DBInstance' });
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length) {
      const who = idList(good, 10);
      return { status: 'pass', summary: text(`${who.ko}: 프라이빗 서브넷에서 PostgreSQL을 실행합니다.`, `${who.en} runs PostgreSQL in private subnets.`), resources };
    }
    if (undecided) {
      return errored(
        text('DB 서브넷 그룹이 프라이빗인지 알 수 없습니다: 라우팅 테이블이 인벤토리에 없습니다.', 'Cannot tell whether the DB subnet group is private: a route table is not in the inventory.'),
        resources,
      );
    }
    const d = failingText(resources);
    return failed(text(`프라이빗 서브넷에 있는 PostgreSQL 인스턴스가 없음: ${d.ko}.`, `No PostgreSQL instance sits in private subnets: ${d.en}.`), resources);
  },
});
