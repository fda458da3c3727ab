// rds.encrypted: storage encryption is on. No RDS instance: not-applicable.
// The fix replaces the instance (no in-place encryption): the remediation says so first.
// A DB cluster's members are judged by the cluster: StorageEncrypted is a cluster attribute
// (CreateDBCluster StorageEncrypted, "Aurora DB clusters and Multi-AZ DB clusters").
import { catalogueEntry } from '../../contract/check-catalogue';
import { clusterFixTargets } from './lib/db-clusters';
import { dbTargets, names } from './lib/fix';
import { judgeEachDatabase } from './lib/per-resource';
import { text } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('rds.encrypted'),
  remediation: {
    ko: 'RDS 인스턴스를 스토리지 암호화를 켠 상태로 만드세요. 기존 인스턴스는 암호화할 수 없으므로, 스냅샷을 암호화 복사한 뒤 그 스냅샷에서 새 인스턴스를 복원합니다.',
    en: 'Create the RDS instance with storage encryption on. An existing instance cannot be encrypted in place: copy a snapshot with encryption and restore a new instance from it.',
    console: {
      ko: 'RDS 콘솔 > 스냅샷 > (DB 인스턴스의 스냅샷) > 작업 > 스냅샷 복사 > "암호화 활성화" 선택 > 복사. 복사본 > 작업 > 스냅샷 복원 > 새 DB 인스턴스를 만든 뒤 앱이 새 엔드포인트를 쓰게 하세요.',
      en: 'RDS console > Snapshots > (a snapshot of the DB instance) > Actions > Copy snapshot > select "Enable encryption" > Copy. Then the copy > Actions > Restore snapshot > a new DB instance, and point the app at its endpoint.',
    },
    warning: {
      ko: '스토리지 암호화는 새 DB 인스턴스를 스냅샷에서 만드는 작업입니다. 스냅샷 이후의 쓰기는 옮겨지지 않고 엔드포인트가 바뀌므로, 쓰기를 멈춘 시간에 하세요. CDK에서 storageEncrypted를 바꾸면 인스턴스가 교체됩니다.',
      en: 'Encrypting storage means a new DB instance from a snapshot: writes after the snapshot are not carried over and the endpoint changes, so do it while writes are stopped. Changing storageEncrypted in CDK replaces the instance.',
    },
    cdk: `new rds.DatabaseInstance(this, 'Db', { /* ... */ storageEncrypted: true });`,
  },
  datasets: ['rds.instances'],
  optionalDatasets: ['rds.clusters'],
  remediationFor(inventory) {
    // A Multi-AZ DB cluster can neither be encrypted nor have its snapshots copied ("Encrypting an
    // unencrypted Multi-AZ DB cluster", "Copying a snapshot of a Multi-AZ DB cluster" are listed as
    // unsupported: RDS User Guide, multi-az-db-clusters-concepts.Limitations), so the instance's
    // snapshot-copy fix does not apply: a new encrypted cluster and a data move.
    const clusters = clusterFixTargets(inventory, 'every-cluster');
    if (clusters) {
      const ids = names(clusters);
      return {
        ...check.remediation,
        ko: `DB 클러스터 ${ids}은(는) 암호화할 수 없고 그 스냅샷도 복사할 수 없습니다. 스토리지 암호화를 켠 새 다중 AZ DB 클러스터를 만들고 데이터를 옮기세요(예: pg_dump와 pg_restore).`,
        en: `DB cluster ${ids} cannot be encrypted, and a Multi-AZ DB cluster's snapshots cannot be copied: create a new Multi-AZ DB cluster with storage encryption on and move the data (e.g. pg_dump and pg_restore).`,
        console: {
          ko: 'RDS 콘솔 > 데이터베이스 > 데이터베이스 생성 > 배포 옵션 "다중 AZ DB 클러스터" > 추가 구성 > 암호화: "암호화 활성화" > 데이터베이스 생성. 데이터를 옮긴 뒤 앱이 새 클러스터의 엔드포인트를 쓰게 하세요.',
          en: 'RDS console > Databases > Create database > deployment option "Multi-AZ DB cluster" > Additional configuration > Encryption: "Enable encryption" > Create database. Move the data, then point the app at the new cluster\'s endpoint.',
        },
        warning: {
          ko: '새 클러스터로 옮기는 동안의 쓰기는 따라가지 않고 엔드포인트가 바뀌므로, 쓰기를 멈춘 시간에 하세요.',
          en: 'Writes made during the move are not carried over and the endpoint changes, so do it while writes are stopped.',
        },
        cdk: `new rds.CfnDBCluster(this, 'Db', { /* ... */ storageEncrypted: true });`,
      };
    }
    const dbs = names(dbTargets(inventory));
    return {
      ...check.remediation,
      ko: `RDS 인스턴스 ${dbs}은(는) 그 자리에서 암호화할 수 없습니다. 스냅샷을 암호화 복사한 뒤 그 스냅샷에서 새 인스턴스를 복원하세요.`,
      en: `RDS instance ${dbs} cannot be encrypted in place: copy a snapshot of it with encryption and restore a new instance from that snapshot.`,
      console: {
        ko: `RDS 콘솔 > 데이터베이스 > ${dbs} > 작업 > 스냅샷 생성. 스냅샷 > 그 스냅샷 > 작업 > 스냅샷 복사 > "암호화 활성화" 선택 > 복사. 복사본 > 작업 > 스냅샷 복원 > 새 DB 인스턴스를 만든 뒤 앱이 새 엔드포인트를 쓰게 하세요.`,
        en: `RDS console > Databases > ${dbs} > Actions > Take snapshot. Snapshots > that snapshot > Actions > Copy snapshot > select "Enable encryption" > Copy. Then the copy > Actions > Restore snapshot > a new DB instance, and point the app at its endpoint.`,
      },
    };
  },
  evaluate(inventory) {
    const verdict = (encrypted: boolean | undefined, key: string | undefined) => ({
      ok: encrypted === true,
      detail:
        encrypted === true
          ? text(`스토리지 암호화됨${key ? ` (${key})` : ''}`, `storage encrypted${key ? ` with ${key}` : ''}`)
          : text('스토리지 암호화 안 됨', 'storage not encrypted'),
    });
    return judgeEachDatabase(
      inventory,
      {
        instance: (db) => verdict(db.StorageEncrypted, db.KmsKeyId),
        cluster: (cluster) => verdict(cluster.StorageEncrypted, cluster.KmsKeyId),
        where: 'every-cluster',
        setting: text('스토리지 암호화 설정', 'storage encryption'),
      },
      text('RDS 스토리지가 암호화되어 있습니다.', 'RDS storage is encrypted.'),
      text('RDS 스토리지 암호화 안 됨', 'RDS storage not encrypted'),
    );
  },
});
