// CloudFront <-> S3: a distribution serving the deployment's bucket or load balancer is the
// deployment's, and so is every bucket a deployment's distribution serves.
import { dataOr } from '../../collectors/collected';
import type { GraphContext } from '../graph-context';
import { CFN } from '../resource-types';
import type { RegionLists, Selection } from '../selection';

export function selectCloudFrontAndBuckets(
  ctx: GraphContext,
  lists: Pick<RegionLists, 'distributions'>,
  found: Pick<Selection, 'loadBalancers'>,
): Pick<Selection, 'distributionIds' | 'bucketNames'> {
  const { foreignArns, take, partition } = ctx;
  const distributionsAll = dataOr(lists.distributions, []);
  const selBuckets = new Set(ctx.seedIds(CFN.bucket));
  const lbDnsNames = new Set(dataOr(found.loadBalancers, []).map((lb) => (lb.DNSName ?? '').toLowerCase()).filter(Boolean));
  const selDist = new Set(ctx.seedIds(CFN.distribution));
  for (const d of distributionsAll) {
    const origins = d.Origins?.Items ?? [];
    const servesOurs = origins.some((o) => {
      const domain = (o.DomainName ?? '').toLowerCase();
      const bucket = bucketOfOrigin(domain);
      return (bucket !== undefined && selBuckets.has(bucket)) || lbDnsNames.has(domain);
    });
    if (servesOurs && d.ARN && !foreignArns.has(d.ARN)) selDist.add(d.Id!);
  }
  for (const d of distributionsAll) {
    if (!selDist.has(d.Id!)) continue;
    for (const o of d.Origins?.Items ?? []) {
      const bucket = bucketOfOrigin((o.DomainName ?? '').toLowerCase());
      if (bucket && !foreignArns.has(`arn:${partition}:s3:::${bucket}`)) selBuckets.add(bucket);
    }
    take(CFN.distribution, d.Id!, d.ARN ? { arn: d.ARN } : {});
  }
  // When the list failed, the starting points still name the distributions to read.
  const distributionIds = lists.distributions.status === 'collected' ? distributionsAll.filter((d) => selDist.has(d.Id!)).map((d) => d.Id!) : [...selDist];
  for (const name of selBuckets) take(CFN.bucket, name);
  return { distributionIds, bucketNames: [...selBuckets].sort() };
}

/** The bucket an S3 origin domain names (bucket.s3.amazonaws.com, bucket.s3.<region>.amazonaws.com, website endpoints). */
export function bucketOfOrigin(domain: string): string | undefined {
  const match = /^(.+?)\.s3(?:-website)?(?:[.-](?:dualstack\.)?[a-z]{2}(?:-[a-z]+)+-\d)?\.amazonaws\.com(?:\.cn)?$/.exec(domain);
  return match?.[1];
}
