// The AWS drill target on recorded AWS responses, for what the emulator cannot do: RDS
// accepting a forced failover and then not attempting it (RDS-EVENT-0034), and a member
// of a Multi-AZ DB cluster (MultiAZ false, DBClusterIdentifier set). The real RDS
// client talks to a loopback server that replays fixtures/recorded/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsSession } from '../../checks/aws/session';
import { drillOptions, runDrill } from '../drills/index';
import { awsDrillTarget } from '../targets/aws';
import { FAKE_SHOP_DB_SERVER, startFakeShop, type FakeShop } from './support/fake-shop';
import { startReplayServer, type ReplayServer } from './support/replay-server';

let replay: ReplayServer;
let shop: FakeShop;
let session: AwsSession;

beforeAll(async () => {
  replay = await startReplayServer('rds-failover-not-attempted');
  shop = await startFakeShop();
  session = new AwsSession({ region: 'ap-northeast-2', endpoint: replay.url, credentials: { accessKeyId: 'AKIAREPLAY', secretAccessKey: 'replay' } });
});

afterAll(async () => {
  session?.destroy();
  await shop?.close();
  await replay?.close();
});

describe('AWS drill target on recorded responses', () => {
  it('reports RDS-EVENT-0034 as a failover RDS did not attempt, and fails', async () => {
    const target = awsDrillTarget({ deployment: { region: 'ap-northeast-2', appUrl: shop.url, dbInstanceIdentifier: 'cloudmart-db' }, session, pollIntervalMs: 200, resolveHost: async () => [FAKE_SHOP_DB_SERVER.address] });
    const result = await runDrill('rds-failover', {
      target,
      options: drillOptions('rds-failover', { baselineMs: 500, settleMs: 500, probeIntervalMs: 50, limitMs: 2000 }, 'aws'),
    });
    expect(result.status).toBe('fail');
    const criteria = Object.fromEntries(result.verdict.criteria.map((c) => [c.name, c]));
    expect(criteria['failover events seen']!.pass).toBe(false);
    expect(criteria['failover events seen']!.actual).toMatch(/^RDS-EVENT-0034: RDS did not attempt the failover/);
    expect(criteria['failover completed: AZ and secondary AZ swapped']).toMatchObject({ pass: false, actual: 'primary ap-northeast-2a, standby ap-northeast-2c, status available' });
    // The writes themselves were fine: nothing was lost, the gap stayed small.
    expect(criteria['no acknowledged write lost']!.pass).toBe(true);
    expect(result.timeline.some((e) => e.kind === 'event' && e.message.startsWith('RDS-EVENT-0034 Amazon RDS is not attempting a requested failover'))).toBe(true);
    // The client made the real calls, in the real wire format.
    const reboot = replay.requests.find((r) => r.action === 'RebootDBInstance')!;
    expect(reboot.params).toMatchObject({ DBInstanceIdentifier: 'cloudmart-db', ForceFailover: 'true', Version: '2014-10-31' });
    expect(replay.requests.filter((r) => r.action === 'DescribeEvents')[0]!.params).toMatchObject({ SourceIdentifier: 'cloudmart-db', SourceType: 'db-instance' });
  });
});

describe('AWS drill target on a Multi-AZ DB cluster member (recorded)', () => {
  // RDS API reference, FailoverDBCluster / DBInstance.DBClusterIdentifier: a Multi-AZ DB cluster's members report MultiAZ false and the cluster fails over with FailoverDBCluster.
  it('stops with one sentence that the DB cluster is not supported, never fails the deployment as "not Multi-AZ", and changes nothing', async () => {
    const cluster = await startReplayServer('rds-multi-az-db-cluster-member');
    const clusterSession = new AwsSession({ region: 'ap-northeast-2', endpoint: cluster.url, credentials: { accessKeyId: 'AKIAREPLAY', secretAccessKey: 'replay' } });
    try {
      const target = awsDrillTarget({ deployment: { region: 'ap-northeast-2', appUrl: shop.url, dbInstanceIdentifier: 'cloudmart-db-cluster-instance-1' }, session: clusterSession, pollIntervalMs: 200 });
      const result = await runDrill('rds-failover', { target, options: drillOptions('rds-failover', { baselineMs: 500, settleMs: 500, probeIntervalMs: 50 }, 'aws') });
      expect(result.status).toBe('error');
      expect(result.verdict.summary.en).toBe(
        'DB instance cloudmart-db-cluster-instance-1 is a member of the DB cluster cloudmart-db-cluster; this drill supports Multi-AZ DB instances (RebootDBInstance with ForceFailover) only, not DB cluster failovers (FailoverDBCluster), so it did not judge anything.',
      );
      expect(result.verdict.criteria.map((c) => c.name)).toEqual(['a Multi-AZ DB instance (not a DB cluster)']);
      expect(cluster.requests.map((r) => r.action)).toEqual(['DescribeDBInstances']);
    } finally {
      clusterSession.destroy();
      await cluster.close();
    }
  });
});
