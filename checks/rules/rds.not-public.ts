// rds.not-public: the instance is not publicly accessible. No RDS instance: not-applicable.
// PubliclyAccessible missing from the API answer is neither "private" nor "public": the check is
// `error`, saying so (a gap never turns into a pass, nor into a silent fail).
// The members of a Multi-AZ DB cluster are judged by the cluster: PubliclyAccessible is a cluster
// setting there (CreateDBCluster PubliclyAccessible, "Valid for Cluster Type: Multi-AZ DB clusters
// only"); an Aurora member keeps its own, so it is judged as an instance.
import { catalogueEntry } from '../../contract/check-catalogue';
import { clusterFixTargets } from './lib/db-clusters';
import { dbTargets, names } from './lib/fix';
import { judgeEachDatabase } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('rds.not-public'),
  remediation: {
    ko: 'RDS 인스턴스의 퍼블릭 액세스를 끄세요(PubliclyAccessible=false). 앱은 VPC 안에서 프라이빗 엔드포인트로 접속합니다.',
    en: 'Turn off public access for the RDS instance (PubliclyAccessible=false); the app reaches it on its private endpoint inside the VPC.',
    console: {
      ko: 'RDS 콘솔 > 데이터베이스 > (DB 인스턴스) > 수정 > 연결 > 추가 구성 > 퍼블릭 액세스: "퍼블릭 액세스 불가능" > 계속 > DB 인스턴스 수정.',
      en: 'RDS console > Databases > (the DB instance) > Modify > Connectivity > Additional configuration > Public access: "Not publicly accessible" > Continue > Modify DB instance.',
    },
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ publiclyAccessible: false });`,
  },
  datasets: ['rds.instances'],
  optionalDatasets: ['rds.clusters'],
  remediationFor(inventory) {
    const clusters = clusterFixTargets(inventory, 'multi-az-db-cluster');
    if (clusters) {
      const ids = names(clusters);
      return {
        ...check.remediation,
        ko: `DB 클러스터 ${ids}의 퍼블릭 액세스를 끄세요(PubliclyAccessible=false; 다중 AZ DB 클러스터는 멤버 인스턴스를 수정할 수 없고 클러스터를 수정합니다). 앱은 VPC 안에서 프라이빗 엔드포인트로 접속합니다.`,
        en: `Turn off public access for DB cluster ${ids} (PubliclyAccessible=false; a Multi-AZ DB cluster is modified as a whole: its member instances cannot be modified); the app reaches it on its private endpoint inside the VPC.`,
        console: {
          ko: `RDS 콘솔 > 데이터베이스 > ${ids}(DB 클러스터) > 수정 > 연결 > 퍼블릭 액세스: "퍼블릭 액세스 불가능" > 계속 > DB 클러스터 수정.`,
          en: `RDS console > Databases > ${ids} (the DB cluster) > Modify > Connectivity > Public access: "Not publicly accessible" > Continue > Modify DB cluster.`,
        },
        cdk: `new rds.CfnDBCluster(this, 'Db', { /* ... */ publiclyAccessible: false });`,
      };
    }
    const dbs = names(dbTargets(inventory));
    return {
      ...check.remediation,
      ko: `RDS 인스턴스 ${dbs}의 퍼블릭 액세스를 끄세요(PubliclyAccessible=false). 앱은 VPC 안에서 프라이빗 엔드포인트로 접속합니다.`,
      en: `Turn off public access for RDS instance ${dbs} (PubliclyAccessible=false); the app reaches it on its private endpoint inside the VPC.`,
      console: {
        ko: `RDS 콘솔 > 데이터베이스 > ${dbs} > 수정 > 연결 > 추가 구성 > 퍼블릭 액세스: "퍼블릭 액세스 불가능" > 계속 > DB 인스턴스 수정.`,
        en: `RDS console > Databases > ${dbs} > Modify > Connectivity > Additional configuration > Public access: "Not publicly accessible" > Continue > Modify DB instance.`,
      },
    };
  },
  evaluate(inventory) {
    const verdict = (publiclyAccessible: boolean | undefined) =>
      publiclyAccessible === undefined
        ? { ok: false, unreadable: true, detail: text('API가 PubliclyAccessible을 알려 주지 않음', 'PubliclyAccessible was not reported by the API') }
        : {
            ok: publiclyAccessible === false,
            detail: publiclyAccessible ? text('퍼블릭 액세스 가능', 'publicly accessible') : text('퍼블릭 액세스 불가', 'not publicly accessible'),
          };
    return judgeEachDatabase(
      inventory,
      {
        instance: (db) => verdict(db.PubliclyAccessible),
        cluster: (cluster) => verdict(cluster.PubliclyAccessible),
        where: 'multi-az-db-cluster',
        setting: text('퍼블릭 액세스 설정', 'public access setting'),
      },
      text('RDS 인스턴스에 퍼블릭 액세스가 없습니다.', 'The RDS instance is not publicly accessible.'),
      text('RDS 퍼블릭 액세스 가능', 'RDS publicly accessible'),
    );
  },
});
