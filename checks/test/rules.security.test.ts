// Security checks: failing variants naming the offender, passing cases, not-applicable when
// the tier is absent. Error cases: rules.errors.test.ts (plus nested datasets here).
import { describe, expect, it } from 'vitest';
import { ACCOUNT, IDS, REFERENCE_USER_DATA, encodeUserData } from '../../fixtures/inventories/reference';
import { CONSOLE_PORTS, MULTI_AZ_CLUSTER, consoleBuiltOtherPorts, withMultiAzDbCluster, withoutAlb, withoutAsg, withoutDistribution, withoutFrontend, withoutRds, withoutRedis } from '../../fixtures/inventories/variants';
import type { Inventory } from '../inventory/types';
import { checkById } from '../rules/index';
import { read } from '../rules/lib/collected';
import { failing, reference, run, variant } from './support/run-check';

const sg = (inv: Inventory, id: string) => read(inv.ec2.securityGroups).find((g) => g.GroupId === id)!;
const addRule = (inv: Inventory, id: string, rule: Record<string, unknown>) => sg(inv, id).IpPermissions!.push(rule);
const db = (inv: Inventory) => read(inv.rds.instances)[0]!;
const redis = (inv: Inventory) => read(inv.elasticache.replicationGroups)[0]!;
const bucket = (inv: Inventory) => read(inv.s3.buckets)[0]!;
const origin = (inv: Inventory) => read(inv.cloudfront.distributions)[0]!.config.Origins!.Items![0]!;
const setPolicy = (inv: Inventory, statements: unknown[]) => (bucket(inv).policy = { status: 'collected', data: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
const setUserData = (inv: Inventory, text: string) => {
  for (const v of read(inv.ec2.launchTemplateVersions)) v.LaunchTemplateData!.UserData = encodeUserData(text);
};

describe('sg.alb-ingress', () => {
  it('passes 80 and 443 from the internet', () => expect(run('sg.alb-ingress', reference()).resources[0]!.detail).toBe('CloudMart-s01-alb: internet ingress: tcp 80 from 0.0.0.0/0; tcp 443 from 0.0.0.0/0'));
  it('fails SSH from the internet', () => {
    const o = run('sg.alb-ingress', variant((inv) => addRule(inv, IDS.sg.alb, { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.sg.alb, detail: 'CloudMart-s01-alb: open to the internet beyond 80/443: tcp 22 from 0.0.0.0/0' })]);
  });
  it('fails a port range 80-443 and the app port from ::/0', () => {
    expect(run('sg.alb-ingress', variant((inv) => (sg(inv, IDS.sg.alb).IpPermissions![0]!.ToPort = 443))).status).toBe('fail');
    expect(
      failing(run('sg.alb-ingress', variant((inv) => addRule(inv, IDS.sg.alb, { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }))))[0]!.detail,
    ).toContain('tcp 8080 from ::/0');
  });
  it('ignores sources that are not the internet', () => {
    expect(run('sg.alb-ingress', variant((inv) => addRule(inv, IDS.sg.alb, { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/16' }] }))).status).toBe('pass');
  });
  it('is not-applicable without an ALB and an error when its group is not in the inventory', () => {
    expect(run('sg.alb-ingress', withoutAlb()).status).toBe('not-applicable');
    const o = run('sg.alb-ingress', variant((inv) => (inv.ec2.securityGroups = { status: 'collected', data: read(inv.ec2.securityGroups).filter((g) => g.GroupId !== IDS.sg.alb) })));
    expect(o).toMatchObject({ status: 'error', summary: { en: expect.stringContaining(`security group ${IDS.sg.alb} is not in the inventory`) } });
  });
});

describe('sg.app-from-alb-only', () => {
  it('passes on the reference', () => expect(run('sg.app-from-alb-only', reference()).status).toBe('pass'));
  it.each([
    ['SSH from one IPv4 address', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.5/32' }] }, 'tcp 22 from 203.0.113.5/32'],
    ['the app port from IPv6 anywhere', { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }, 'tcp 8080 from ::/0'],
    ['the VPC range', { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }, 'tcp 8080 from 10.0.0.0/16'],
    ['another security group', { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: IDS.sg.db }] }, `group ${IDS.sg.db}`],
    ['itself', { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: IDS.sg.app }] }, `all traffic from group ${IDS.sg.app} (itself)`],
    ['a prefix list', { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, PrefixListIds: [{ PrefixListId: 'pl-0123' }] }, 'prefix list pl-0123'],
  ])('fails %s', (_name, rule, shown) => {
    const o = run('sg.app-from-alb-only', variant((inv) => addRule(inv, IDS.sg.app, rule)));
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.sg.app, detail: expect.stringContaining(shown) })]);
  });
  it('also judges the launch template groups new instances get', () => {
    const o = run(
      'sg.app-from-alb-only',
      variant((inv) => {
        for (const v of read(inv.ec2.launchTemplateVersions)) v.LaunchTemplateData!.SecurityGroupIds = [IDS.sg.app, IDS.sg.cache];
        addRule(inv, IDS.sg.cache, { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
      }),
    );
    expect(failing(o).map((r) => r.id)).toEqual([IDS.sg.cache]);
  });
  it('notes when the ALB reaches more than the app port', () => {
    const o = run('sg.app-from-alb-only', variant((inv) => (sg(inv, IDS.sg.app).IpPermissions![0]!.IpProtocol = '-1')));
    expect(o.status).toBe('pass');
    expect(o.notes?.map((n) => n.en)).toEqual([`${IDS.sg.app} lets the ALB reach all traffic, not only the app port 8080.`]);
  });
  it('takes the app port from the target group, not the configured 8080 (issue 13)', () => {
    // The console-built deployment serves on 3000 and its ALB rule opens 3000: nothing to note.
    expect(run('sg.app-from-alb-only', consoleBuiltOtherPorts()).notes).toBeUndefined();
    const wide = run('sg.app-from-alb-only', variant((inv) => (sg(inv, IDS.sg.app).IpPermissions![0]!.IpProtocol = '-1'), consoleBuiltOtherPorts()));
    expect(wide.notes?.map((n) => n.en)).toEqual([`${IDS.sg.app} lets the ALB reach all traffic, not only the app port ${CONSOLE_PORTS.app}.`]);
    expect(wide.notes?.map((n) => n.ko).join(' ')).toContain(`앱 포트 ${CONSOLE_PORTS.app}`);
  });
  it('is not-applicable without an app tier', () => expect(run('sg.app-from-alb-only', withoutAsg()).status).toBe('not-applicable'));
});

describe('sg.db-from-app-only', () => {
  it('passes on the reference', () => expect(run('sg.db-from-app-only', reference()).status).toBe('pass'));
  it('names no fixed port in its titles (the reference DB listens on 5433, the Redis group may use 6380)', () => {
    for (const id of ['sg.db-from-app-only', 'sg.cache-from-app-only']) {
      const { title } = checkById(id)!;
      expect(`${title.ko} ${title.en}`).not.toMatch(/5432|5433|6379|6380/);
    }
  });
  it('fails 5432 open to 0.0.0.0/0', () => {
    const o = run('sg.db-from-app-only', variant((inv) => addRule(inv, IDS.sg.db, { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.sg.db, detail: 'CloudMart-s01-db: cloudmart-s01-db: port 5432 open to tcp 5432 from 0.0.0.0/0' })]);
  });
  it('fails all traffic from the ALB group and the VPC range on a port range', () => {
    expect(run('sg.db-from-app-only', variant((inv) => addRule(inv, IDS.sg.db, { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: IDS.sg.alb }] }))).status).toBe('fail');
    expect(run('sg.db-from-app-only', variant((inv) => addRule(inv, IDS.sg.db, { IpProtocol: 'tcp', FromPort: 5000, ToPort: 6000, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }))).status).toBe('fail');
  });
  it('judges only the DB port, and the instance port when it is not 5432', () => {
    expect(run('sg.db-from-app-only', variant((inv) => addRule(inv, IDS.sg.db, { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }))).status).toBe('pass');
    const moved = variant((inv) => {
      db(inv).Endpoint!.Port = 6543;
      addRule(inv, IDS.sg.db, { IpProtocol: 'tcp', FromPort: 6543, ToPort: 6543, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
    });
    const o = run('sg.db-from-app-only', moved);
    expect(o.status).toBe('fail');
    expect(failing(o)[0]!.detail).toContain('port 6543 open to tcp 6543 from 0.0.0.0/0');
  });
  it('notes a database the app cannot reach', () => {
    const o = run('sg.db-from-app-only', variant((inv) => (sg(inv, IDS.sg.db).IpPermissions = [])));
    expect(o.status).toBe('pass');
    expect(o.notes?.map((n) => n.en)).toEqual([`No rule of ${IDS.sg.db} admits the app on port 5432: the app cannot reach cloudmart-s01-db.`]);
  });
  it('is not-applicable without RDS', () => expect(run('sg.db-from-app-only', withoutRds()).status).toBe('not-applicable'));
});

describe('sg.cache-from-app-only', () => {
  it('passes on the reference', () => expect(run('sg.cache-from-app-only', reference()).status).toBe('pass'));
  it('fails 6379 from the VPC range', () => {
    const o = run('sg.cache-from-app-only', variant((inv) => addRule(inv, IDS.sg.cache, { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, IpRanges: [{ CidrIp: '10.0.0.0/16' }] })));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.sg.cache, detail: expect.stringContaining('port 6379 open to tcp 6379 from 10.0.0.0/16') })]);
  });
  it('is not-applicable without Redis', () => expect(run('sg.cache-from-app-only', withoutRedis()).status).toBe('not-applicable'));
});

describe('rds.encrypted / rds.not-public / elasticache.encryption', () => {
  it('pass on the reference', () => {
    for (const id of ['rds.encrypted', 'rds.not-public', 'elasticache.encryption']) expect(run(id, reference()).status).toBe('pass');
  });
  it('rds.encrypted fails unencrypted storage', () => {
    expect(failing(run('rds.encrypted', variant((inv) => (db(inv).StorageEncrypted = false))))).toEqual([expect.objectContaining({ id: IDS.db.id, detail: 'storage not encrypted' })]);
  });
  it('rds.not-public fails a public instance, and is error (never a silent fail) when the flag is missing', () => {
    expect(failing(run('rds.not-public', variant((inv) => (db(inv).PubliclyAccessible = true))))).toEqual([expect.objectContaining({ id: IDS.db.id, detail: 'publicly accessible' })]);
    expect(run('rds.not-public', variant((inv) => delete db(inv).PubliclyAccessible))).toMatchObject({
      status: 'error',
      summary: { en: `Cannot be judged: ${IDS.db.id}: PubliclyAccessible was not reported by the API.` },
      resources: [],
    });
  });
  it('elasticache.encryption fails without TLS', () => {
    expect(failing(run('elasticache.encryption', variant((inv) => (redis(inv).TransitEncryptionEnabled = false))))).toEqual([
      expect.objectContaining({ id: IDS.redis.id, detail: 'at rest on; in transit off' }),
    ]);
  });
  it('are not-applicable without the tier', () => {
    expect(run('rds.encrypted', withoutRds()).status).toBe('not-applicable');
    expect(run('rds.not-public', withoutRds()).status).toBe('not-applicable');
    expect(run('elasticache.encryption', withoutRedis()).status).toBe('not-applicable');
  });
});

describe('rds.encrypted / rds.not-public on a Multi-AZ DB cluster', () => {
  const cluster = (inv: Inventory) => read(inv.rds.clusters!)[0]!;
  const onCluster = (mutate: (inv: Inventory) => void) => variant(mutate, withMultiAzDbCluster());
  const MEMBERS = `members: ${MULTI_AZ_CLUSTER.members[0]} (writer), ${MULTI_AZ_CLUSTER.members[1]} (reader), ${MULTI_AZ_CLUSTER.members[2]} (reader)`;
  const unreadable = () => onCluster((inv) => (inv.rds.clusters = { status: 'not-collected', operation: 'rds:DescribeDBClusters', reason: 'AccessDenied: not allowed.' }));

  // CreateDBCluster StorageEncrypted "Valid for Cluster Type: Aurora DB clusters and Multi-AZ DB clusters"; DBCluster.StorageEncrypted: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html
  it('rds.encrypted judges the cluster once, with its ARN, and fails an unencrypted cluster', () => {
    const o = run('rds.encrypted', withMultiAzDbCluster());
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, arn: MULTI_AZ_CLUSTER.arn, type: 'AWS::RDS::DBCluster' })]);
    expect(o.resources[0]!.detail).toBe(`storage encrypted with ${read((withMultiAzDbCluster() as Inventory).rds.clusters!)[0]!.KmsKeyId}, set on the DB cluster (${MEMBERS})`);
    const plain = run('rds.encrypted', onCluster((inv) => (cluster(inv).StorageEncrypted = false)));
    expect(failing(plain)).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, detail: `storage not encrypted, set on the DB cluster (${MEMBERS})` })]);
  });

  // CreateDBCluster PubliclyAccessible "Valid for Cluster Type: Multi-AZ DB clusters only"; DBCluster.PubliclyAccessible "only for non-Aurora Multi-AZ DB clusters": https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBCluster.html
  it('rds.not-public judges a Multi-AZ DB cluster by the cluster (its members report no PubliclyAccessible)', () => {
    const o = run('rds.not-public', withMultiAzDbCluster());
    expect(o.status).toBe('pass');
    expect(o.resources).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, arn: MULTI_AZ_CLUSTER.arn, type: 'AWS::RDS::DBCluster', detail: `not publicly accessible, set on the DB cluster (${MEMBERS})` })]);
    const open = run('rds.not-public', onCluster((inv) => (cluster(inv).PubliclyAccessible = true)));
    expect(failing(open)).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, detail: `publicly accessible, set on the DB cluster (${MEMBERS})` })]);
    const missing = run('rds.not-public', onCluster((inv) => delete cluster(inv).PubliclyAccessible));
    expect(missing).toMatchObject({ status: 'error', summary: { en: `Cannot be judged: ${MULTI_AZ_CLUSTER.id}: PubliclyAccessible was not reported by the API, set on the DB cluster (${MEMBERS}).` } });
  });
  it('rds.not-public judges an Aurora member by itself (Aurora keeps public access per instance)', () => {
    const aurora = onCluster((inv) => {
      for (const m of read(inv.rds.instances)) Object.assign(m, { Engine: 'aurora-postgresql', PubliclyAccessible: false });
      Object.assign(cluster(inv), { Engine: 'aurora-postgresql', PubliclyAccessible: undefined });
      read(inv.rds.instances)[1]!.PubliclyAccessible = true;
    });
    const o = run('rds.not-public', aurora);
    expect(o.resources.map((r) => [r.id, r.status])).toEqual(MULTI_AZ_CLUSTER.members.map((m, i) => [m, i === 1 ? 'fail' : 'pass']));
    expect(run('rds.encrypted', aurora).resources).toEqual([expect.objectContaining({ id: MULTI_AZ_CLUSTER.id, type: 'AWS::RDS::DBCluster' })]);
  });
  it('are error when the cluster of a member could not be read', () => {
    for (const [id, setting] of [
      ['rds.encrypted', 'storage encryption'],
      ['rds.not-public', 'public access setting'],
    ] as const) {
      const o = run(id, unreadable());
      expect(o.status).toBe('error');
      expect(o.summary?.en).toContain(`belong to DB cluster ${MULTI_AZ_CLUSTER.id}, whose ${setting} could not be read (rds:DescribeDBClusters failed: AccessDenied: not allowed.)`);
    }
  });
});

describe('s3.block-public-access', () => {
  it('passes on the reference', () => expect(run('s3.block-public-access', reference()).status).toBe('pass'));
  it('fails a bucket that allows public policies, and one without any block', () => {
    const o = run('s3.block-public-access', variant((inv) => (bucket(inv).publicAccessBlock = { status: 'collected', data: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false } })));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.bucket, detail: 'not blocked: BlockPublicPolicy, RestrictPublicBuckets' })]);
    expect(failing(run('s3.block-public-access', variant((inv) => (bucket(inv).publicAccessBlock = { status: 'collected', data: null }))))[0]!.detail).toBe('no public access block is configured');
  });
  it('judges every deployment bucket when there is no distribution (a public website bucket)', () => {
    const o = run('s3.block-public-access', variant((inv) => (bucket(inv).publicAccessBlock = { status: 'collected', data: null }), withoutDistribution()));
    expect(o).toMatchObject({ status: 'fail', evidence: { basis: 'all deployment buckets (no distribution)' } });
  });
  it('is an error when the bucket setting could not be read, not-applicable without a bucket', () => {
    const o = run('s3.block-public-access', variant((inv) => (bucket(inv).publicAccessBlock = { status: 'not-collected', operation: 's3:GetPublicAccessBlock', reason: 'AccessDenied' })));
    expect(o).toMatchObject({ status: 'error', summary: { en: 's3:GetPublicAccessBlock was not collected: AccessDenied' } });
    expect(run('s3.block-public-access', withoutFrontend()).status).toBe('not-applicable');
  });
});

describe('cloudfront.origin-access-control', () => {
  const cfStatement = { Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${IDS.bucket}/*`, Condition: { StringEquals: { 'AWS:SourceArn': IDS.distribution.arn } } };
  it('passes OAC with a bucket policy scoped to the distribution', () => expect(run('cloudfront.origin-access-control', reference()).status).toBe('pass'));
  it('fails an origin without OAC or OAI', () => {
    const o = run('cloudfront.origin-access-control', variant((inv) => delete origin(inv).OriginAccessControlId));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.distribution.id, detail: expect.stringContaining('neither an origin access control nor an origin access identity') })]);
  });
  it('fails a bucket policy granting "*" without the SourceArn condition', () => {
    const o = run('cloudfront.origin-access-control', variant((inv) => setPolicy(inv, [cfStatement, { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${IDS.bucket}/*` }])));
    expect(failing(o)[0]!.detail).toContain('statement PublicRead grants "*" without an AWS:SourceArn condition on the distribution');
  });
  it('fails the CloudFront service principal without a condition, or with one naming another distribution', () => {
    const { Condition: _c, ...unconditioned } = cfStatement;
    expect(run('cloudfront.origin-access-control', variant((inv) => setPolicy(inv, [unconditioned]))).status).toBe('fail');
    const other = { ...cfStatement, Condition: { StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/EOTHER` } } };
    expect(run('cloudfront.origin-access-control', variant((inv) => setPolicy(inv, [other]))).status).toBe('fail');
    const wildcard = { ...cfStatement, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/*` } } };
    expect(run('cloudfront.origin-access-control', variant((inv) => setPolicy(inv, [wildcard]))).status).toBe('fail');
  });
  it('fails a bucket without a policy and a policy granting another account', () => {
    expect(failing(run('cloudfront.origin-access-control', variant((inv) => (bucket(inv).policy = { status: 'collected', data: null }))))[0]!.detail).toContain('has no bucket policy');
    const o = run('cloudfront.origin-access-control', variant((inv) => setPolicy(inv, [cfStatement, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 's3:*', Resource: '*' }])));
    expect(failing(o)[0]!.detail).toContain('grants arn:aws:iam::999999999999:root');
  });
  it('passes "*" bound to the distribution, a same-account role, and the legacy OAI', () => {
    const bound = { ...cfStatement, Principal: '*' };
    expect(run('cloudfront.origin-access-control', variant((inv) => setPolicy(inv, [bound]))).status).toBe('pass');
    const role = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/deployer` }, Action: 's3:PutObject', Resource: '*' };
    expect(run('cloudfront.origin-access-control', variant((inv) => setPolicy(inv, [cfStatement, role]))).resources[0]!.detail).toContain('(same account)');
    const oai = variant((inv) => {
      delete origin(inv).OriginAccessControlId;
      origin(inv).S3OriginConfig = { OriginAccessIdentity: 'origin-access-identity/cloudfront/E1OAI' };
      setPolicy(inv, [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1OAI' }, Action: 's3:GetObject', Resource: '*' }]);
    });
    expect(run('cloudfront.origin-access-control', oai).status).toBe('pass');
  });
  it('fails an OAI the policy does not grant', () => {
    const o = run(
      'cloudfront.origin-access-control',
      variant((inv) => {
        delete origin(inv).OriginAccessControlId;
        origin(inv).S3OriginConfig = { OriginAccessIdentity: 'origin-access-identity/cloudfront/E1OAI' };
      }),
    );
    expect(failing(o)[0]!.detail).toContain("does not grant this distribution's origin access identity");
  });
  it('is an error when the bucket policy could not be read, not-applicable without a distribution', () => {
    const o = run('cloudfront.origin-access-control', variant((inv) => (bucket(inv).policy = { status: 'not-collected', operation: 's3:GetBucketPolicy', reason: 'AccessDenied' })));
    expect(o).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('s3:GetBucketPolicy') } });
    expect(run('cloudfront.origin-access-control', withoutDistribution()).status).toBe('not-applicable');
  });
});

describe('cloudfront.https-only', () => {
  it('passes redirect-to-https and https-only', () => {
    expect(run('cloudfront.https-only', reference()).status).toBe('pass');
    expect(run('cloudfront.https-only', variant((inv) => (read(inv.cloudfront.distributions)[0]!.config.DefaultCacheBehavior!.ViewerProtocolPolicy = 'https-only'))).status).toBe('pass');
  });
  it('fails allow-all on the default behavior or on another behavior', () => {
    const o = run('cloudfront.https-only', variant((inv) => (read(inv.cloudfront.distributions)[0]!.config.DefaultCacheBehavior!.ViewerProtocolPolicy = 'allow-all')));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.distribution.id, detail: 'allows plain HTTP: default behavior is allow-all' })]);
    const other = variant((inv) => {
      read(inv.cloudfront.distributions)[0]!.config.CacheBehaviors = { Quantity: 1, Items: [{ PathPattern: '/api/*', TargetOriginId: 'frontend-s3', ViewerProtocolPolicy: 'allow-all' }] };
    });
    expect(failing(run('cloudfront.https-only', other))[0]!.detail).toBe('allows plain HTTP: /api/* behavior is allow-all');
  });
  it('is not-applicable without a distribution', () => expect(run('cloudfront.https-only', withoutDistribution()).status).toBe('not-applicable'));
});

describe('ec2.imdsv2', () => {
  const version = (inv: Inventory, v: string) => (read(inv.autoscaling.groups)[0]!.LaunchTemplate!.Version = v);
  it('passes: the ASG launches version 1, which requires IMDSv2 (also named as $Latest or $Default)', () => {
    expect(run('ec2.imdsv2', reference()).resources).toEqual([expect.objectContaining({ id: `${IDS.launchTemplate.name}:1`, status: 'pass' })]);
    expect(run('ec2.imdsv2', variant((inv) => version(inv, '$Latest'))).status).toBe('pass');
    expect(run('ec2.imdsv2', variant((inv) => version(inv, '$Default'))).status).toBe('pass');
  });
  it('resolves $Latest and $Default: fails the default version 1 that allows IMDSv1, passes $Latest (version 2, required)', () => {
    // Version 1 (the default) allows IMDSv1; a version 2 requires IMDSv2.
    const twoVersions = (inv: Inventory) => {
      const [first] = read(inv.ec2.launchTemplateVersions);
      const second = structuredClone(first!);
      first!.LaunchTemplateData!.MetadataOptions = { ...first!.LaunchTemplateData!.MetadataOptions, HttpTokens: 'optional' };
      Object.assign(second, { VersionNumber: 2, DefaultVersion: false });
      read(inv.ec2.launchTemplateVersions).push(second);
    };
    const o = run('ec2.imdsv2', variant((inv) => (twoVersions(inv), version(inv, '$Default'))));
    expect(failing(o)).toEqual([expect.objectContaining({ id: `${IDS.launchTemplate.name}:1`, detail: expect.stringContaining('HttpTokens optional') })]);
    expect(run('ec2.imdsv2', variant((inv) => (twoVersions(inv), version(inv, '$Latest')))).resources).toEqual([expect.objectContaining({ id: `${IDS.launchTemplate.name}:2`, status: 'pass' })]);
  });
  it('fails a launch configuration; is an error for a version missing from the inventory', () => {
    const lc = variant((inv) => {
      const g = read(inv.autoscaling.groups)[0]!;
      delete g.LaunchTemplate;
      g.LaunchConfigurationName = 'old-lc';
    });
    expect(failing(run('ec2.imdsv2', lc))[0]!.detail).toBe('launches from launch configuration old-lc');
    expect(run('ec2.imdsv2', variant((inv) => version(inv, '7')))).toMatchObject({ status: 'error', summary: { en: expect.stringContaining('version 7 is not in the inventory') } });
  });
  it('is not-applicable without an ASG', () => expect(run('ec2.imdsv2', withoutAsg()).status).toBe('not-applicable'));
});

describe('iam.instance-role-least-privilege', () => {
  const role = (inv: Inventory) => read(inv.iam.instanceRoles)[0]!;
  it('passes a scoped role', () => expect(run('iam.instance-role-least-privilege', reference()).status).toBe('pass'));
  it('fails AdministratorAccess', () => {
    const o = run('iam.instance-role-least-privilege', variant((inv) => role(inv).attachedPolicies.push({ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })));
    expect(failing(o)).toEqual([expect.objectContaining({ id: IDS.role.name, arn: IDS.role.arn, detail: 'AdministratorAccess is attached' })]);
  });
  it.each([['"*"', '*'], ['"*:*"', '*:*'], ['["s3:GetObject", "*"]', ['s3:GetObject', '*']]])('fails an inline Allow of %s on "*"', (_n, action) => {
    const o = run('iam.instance-role-least-privilege', variant((inv) => role(inv).policyDocuments.push({ name: 'Everything', document: JSON.stringify({ Statement: { Sid: 'All', Effect: 'Allow', Action: action, Resource: '*' } }) })));
    expect(failing(o)[0]!.detail).toBe('Everything statement All allows "*" on "*"');
  });
  it('passes wide but not total grants, and Deny statements', () => {
    const docs = [
      { name: 'S3', document: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) },
      { name: 'Deny', document: JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }) },
    ];
    expect(run('iam.instance-role-least-privilege', variant((inv) => role(inv).policyDocuments.push(...docs))).status).toBe('pass');
  });
  it('is an error for a policy document that cannot be parsed; not-applicable without a role', () => {
    expect(run('iam.instance-role-least-privilege', variant((inv) => role(inv).policyDocuments.push({ name: 'Broken', document: '{not json' }))).status).toBe('error');
    expect(run('iam.instance-role-least-privilege', withoutAsg()).status).toBe('not-applicable');
  });
});

describe('secrets.no-plaintext', () => {
  it('passes user data that fetches the password from Secrets Manager, with the reference as evidence', () => {
    const o = run('secrets.no-plaintext', reference());
    expect(o.status).toBe('pass');
    expect(Object.keys((o.evidence!.references as Record<string, unknown>) ?? {})).toEqual([`${IDS.launchTemplate.name}:1`]);
  });
  it('fails PGPASSWORD written into the user data, without repeating the password', () => {
    const o = run('secrets.no-plaintext', variant((inv) => setUserData(inv, REFERENCE_USER_DATA.replace(/export PGPASSWORD=.*/, 'export PGPASSWORD=Sup3rS3cret!'))));
    expect(o.status).toBe('fail');
    expect(failing(o)).toEqual([expect.objectContaining({ id: `${IDS.launchTemplate.name}:1`, detail: expect.stringContaining('secret literal (PGPASSWORD=****)') })]);
    expect(JSON.stringify(o)).not.toContain('Sup3rS3cret');
  });
  it('passes a launch template without user data; not-applicable without an ASG', () => {
    expect(run('secrets.no-plaintext', variant((inv) => read(inv.ec2.launchTemplateVersions).forEach((v) => delete v.LaunchTemplateData!.UserData))).status).toBe('pass');
    expect(run('secrets.no-plaintext', withoutAsg()).status).toBe('not-applicable');
  });
});
