// EC2: the network (VPCs, subnets, route tables, gateways, security groups, flow logs),
// instances, Elastic IPs and launch templates. Each list is one paginated call over the
// region; discovery keeps only the deployment's items.
import type { Address, LaunchTemplate, LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import { declareOperations } from '../aws/operations';
import type { AwsSession } from '../aws/session';
import { serialize } from '../inventory/serialize';
import type { Collected, Ec2Listed, Serialized } from '../inventory/types';
import { mapLimit } from '../../contract/bounded';
import { allPages, attempt, serialized as ser } from './collected';
import { awsSdk } from '../aws/sdk';

const {
  DescribeAddressesCommand,
  EC2Client,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeNatGateways,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
} = awsSdk('@aws-sdk/client-ec2');

export const OPERATIONS = declareOperations('ec2', [
  'DescribeVpcs',
  'DescribeSubnets',
  'DescribeRouteTables',
  'DescribeInternetGateways',
  'DescribeNatGateways',
  'DescribeSecurityGroups',
  'DescribeInstances',
  'DescribeFlowLogs',
  'DescribeAddresses',
  'DescribeLaunchTemplates',
  'DescribeLaunchTemplateVersions',
]);

/** The region's EC2 lists: those the inventory keeps (narrowed by discovery), and those discovery only follows. */
export type Ec2RegionLists = Ec2Listed & {
  addresses: Collected<Serialized<Address>[]>;
  launchTemplates: Collected<Serialized<LaunchTemplate>[]>;
};

export async function listEc2(session: AwsSession): Promise<Ec2RegionLists> {
  const client = session.client(EC2Client, 'ec2');
  const c = { client };
  const [vpcs, subnets, routeTables, internetGateways, natGateways, securityGroups, instances, flowLogs, addresses, launchTemplates] = await Promise.all([
    attempt('ec2:DescribeVpcs', () => allPages(paginateDescribeVpcs(c, {}), (p) => p.Vpcs)),
    attempt('ec2:DescribeSubnets', () => allPages(paginateDescribeSubnets(c, {}), (p) => p.Subnets)),
    attempt('ec2:DescribeRouteTables', () => allPages(paginateDescribeRouteTables(c, {}), (p) => p.RouteTables)),
    attempt('ec2:DescribeInternetGateways', () => allPages(paginateDescribeInternetGateways(c, {}), (p) => p.InternetGateways)),
    attempt('ec2:DescribeNatGateways', async () =>
      // Deleted NAT gateways stay visible for a while; they are not part of anything.
      (await allPages(paginateDescribeNatGateways(c, {}), (p) => p.NatGateways)).filter((n) => n.State !== 'deleted'),
    ),
    attempt('ec2:DescribeSecurityGroups', () => allPages(paginateDescribeSecurityGroups(c, {}), (p) => p.SecurityGroups)),
    attempt('ec2:DescribeInstances', async () =>
      (await allPages(paginateDescribeInstances(c, {}), (p) => p.Reservations?.flatMap((r) => r.Instances ?? []))).filter(
        (i) => i.State?.Name !== 'terminated',
      ),
    ),
    attempt('ec2:DescribeFlowLogs', () => allPages(paginateDescribeFlowLogs(c, {}), (p) => p.FlowLogs)),
    attempt('ec2:DescribeAddresses', async () => (await client.send(new DescribeAddressesCommand({}))).Addresses ?? []),
    attempt('ec2:DescribeLaunchTemplates', () => allPages(paginateDescribeLaunchTemplates(c, {}), (p) => p.LaunchTemplates)),
  ]);
  return {
    vpcs: ser(vpcs),
    subnets: ser(subnets),
    routeTables: ser(routeTables),
    internetGateways: ser(internetGateways),
    natGateways: ser(natGateways),
    securityGroups: ser(securityGroups),
    instances: ser(instances),
    flowLogs: ser(flowLogs),
    addresses: ser(addresses),
    launchTemplates: ser(launchTemplates),
  };
}

/** A launch template and the versions of it in use ("$Default", "$Latest" or numbers). */
export interface LaunchTemplateUse {
  launchTemplateId?: string;
  launchTemplateName?: string;
  versions: string[];
}

/** The versions the Auto Scaling groups use: one call per launch template. */
export async function describeLaunchTemplateVersions(
  session: AwsSession,
  uses: LaunchTemplateUse[],
): Promise<Collected<Serialized<LaunchTemplateVersion>[]>> {
  const client = session.client(EC2Client, 'ec2');
  return attempt('ec2:DescribeLaunchTemplateVersions', async () => {
    const perTemplate = await mapLimit(uses, 8, (use) =>
      allPages(
        paginateDescribeLaunchTemplateVersions(
          { client },
          {
            ...(use.launchTemplateId ? { LaunchTemplateId: use.launchTemplateId } : { LaunchTemplateName: use.launchTemplateName }),
            Versions: use.versions,
          },
        ),
        (p) => p.LaunchTemplateVersions,
      ),
    );
    return serialize(perTemplate.flat());
  });
}
