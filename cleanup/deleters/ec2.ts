// EC2 deleters: instances and launch templates, then the network from the inside out
// (NAT gateways, Elastic IPs, flow logs, security groups, internet gateways, subnets,
// route tables, the VPC).
import { declareOperations } from '../../checks/aws/operations';
import type { IpPermission } from '@aws-sdk/client-ec2';
import type { DiscoveredResource } from '../../contract/inventory';
import { ignoringGone, pollUntil, type DeleteContext, type Deleter } from '../deleter';
import { say } from '../text';
import { awsSdk } from '../../checks/aws/sdk';

const {
  DeleteFlowLogsCommand,
  DeleteInternetGatewayCommand,
  DeleteLaunchTemplateCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  EC2Client,
  ReleaseAddressCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  TerminateInstancesCommand,
} = awsSdk('@aws-sdk/client-ec2');

export const OPERATIONS = declareOperations('ec2', [
  'TerminateInstances',
  'DescribeInstances',
  'DeleteLaunchTemplate',
  'DeleteNatGateway',
  'DescribeNatGateways',
  'ReleaseAddress',
  'DeleteFlowLogs',
  'DescribeSecurityGroups',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'DeleteSecurityGroup',
  'DetachInternetGateway',
  'DeleteInternetGateway',
  'DeleteSubnet',
  'DisassociateRouteTable',
  'DeleteRouteTable',
  'DeleteVpc',
]);

const ec2 = (ctx: DeleteContext) => ctx.session.client(EC2Client, 'ec2');

const simple = (type: string, rank: number, send: (client: InstanceType<typeof EC2Client>, id: string) => Promise<unknown>): Deleter => ({
  type,
  rank,
  remove: (r, ctx) => ignoringGone(() => send(ec2(ctx), r.id)),
});

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::EC2::Instance',
    rank: 20,
    async remove(r: DiscoveredResource, ctx) {
      const client = ec2(ctx);
      await ignoringGone(() => client.send(new TerminateInstancesCommand({ InstanceIds: [r.id] })));
      // Its network interface holds the subnet and security groups until it is terminated.
      await pollUntil(
        async () => {
          try {
            const out = await client.send(new DescribeInstancesCommand({ InstanceIds: [r.id] }));
            const state = out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
            return state === undefined || state === 'terminated';
          } catch {
            return true;
          }
        },
        ctx,
        `terminating ${r.id}`,
      );
    },
  },
  simple('AWS::EC2::LaunchTemplate', 40, (c, id) => c.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: id }))),
  {
    type: 'AWS::EC2::NatGateway',
    rank: 60,
    async remove(r, ctx) {
      const client = ec2(ctx);
      await ignoringGone(() => client.send(new DeleteNatGatewayCommand({ NatGatewayId: r.id })));
      // Its Elastic IP and subnet stay in use until the gateway is deleted.
      await pollUntil(
        async () => {
          try {
            const state = (await client.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [r.id] }))).NatGateways?.[0]?.State;
            return state === undefined || state === 'deleted';
          } catch {
            return true;
          }
        },
        ctx,
        `deleting ${r.id}`,
      );
    },
  },
  simple('AWS::EC2::EIP', 70, (c, id) => c.send(new ReleaseAddressCommand({ AllocationId: id }))),
  simple('AWS::EC2::FlowLog', 70, (c, id) => c.send(new DeleteFlowLogsCommand({ FlowLogIds: [id] }))),
  {
    type: 'AWS::EC2::SecurityGroup',
    rank: 80,
    skip(r, inventory, deleting) {
      const group = dataOf(inventory.ec2.securityGroups).find((g) => g.GroupId === r.id);
      if (group?.GroupName !== 'default') return undefined;
      return deleting('AWS::EC2::VPC', group.VpcId ?? '')
        ? { action: 'with-parent', reason: say('기본 보안 그룹은 VPC와 함께 지워집니다', 'the default security group goes with its VPC') }
        : { action: 'keep', reason: say('남겨 두는 VPC의 기본 보안 그룹입니다', 'the default security group of a VPC that is kept') };
    },
    async remove(r, ctx) {
      const client = ec2(ctx);
      // Groups that reference each other (app <-> db) can only go once the references do:
      // this group's own rules naming other groups go first (the group is deleted anyway).
      await ignoringGone(async () => {
        const group = (await client.send(new DescribeSecurityGroupsCommand({ GroupIds: [r.id] }))).SecurityGroups?.[0];
        const naming = (rules: IpPermission[] | undefined) => (rules ?? []).filter((p) => (p.UserIdGroupPairs ?? []).length > 0).map((p) => ({ ...p, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] }));
        const ingress = naming(group?.IpPermissions);
        const egress = naming(group?.IpPermissionsEgress);
        if (ingress.length > 0) await client.send(new RevokeSecurityGroupIngressCommand({ GroupId: r.id, IpPermissions: ingress }));
        if (egress.length > 0) await client.send(new RevokeSecurityGroupEgressCommand({ GroupId: r.id, IpPermissions: egress }));
      });
      await ignoringGone(() => client.send(new DeleteSecurityGroupCommand({ GroupId: r.id })));
    },
  },
  {
    type: 'AWS::EC2::InternetGateway',
    rank: 90,
    async remove(r, ctx) {
      const client = ec2(ctx);
      const gateway = dataOf(ctx.inventory.ec2.internetGateways).find((g) => g.InternetGatewayId === r.id);
      for (const attachment of gateway?.Attachments ?? []) {
        if (attachment.VpcId) await ignoringGone(() => client.send(new DetachInternetGatewayCommand({ InternetGatewayId: r.id, VpcId: attachment.VpcId })));
      }
      await ignoringGone(() => client.send(new DeleteInternetGatewayCommand({ InternetGatewayId: r.id })));
    },
  },
  simple('AWS::EC2::Subnet', 100, (c, id) => c.send(new DeleteSubnetCommand({ SubnetId: id }))),
  {
    type: 'AWS::EC2::RouteTable',
    rank: 110,
    skip(r, inventory, deleting) {
      const table = dataOf(inventory.ec2.routeTables).find((t) => t.RouteTableId === r.id);
      if (!table?.Associations?.some((a) => a.Main)) return undefined;
      return deleting('AWS::EC2::VPC', table.VpcId ?? '')
        ? { action: 'with-parent', reason: say('기본 라우팅 테이블은 VPC와 함께 지워집니다', 'the main route table goes with its VPC') }
        : { action: 'keep', reason: say('남겨 두는 VPC의 기본 라우팅 테이블입니다', 'the main route table of a VPC that is kept') };
    },
    async remove(r, ctx) {
      const client = ec2(ctx);
      // Explicit associations block the deletion (whether or not their subnets are gone).
      const table = dataOf(ctx.inventory.ec2.routeTables).find((t) => t.RouteTableId === r.id);
      for (const association of table?.Associations ?? []) {
        if (!association.Main && association.RouteTableAssociationId) {
          await ignoringGone(() => client.send(new DisassociateRouteTableCommand({ AssociationId: association.RouteTableAssociationId })));
        }
      }
      await ignoringGone(() => client.send(new DeleteRouteTableCommand({ RouteTableId: r.id })));
    },
  },
  simple('AWS::EC2::VPC', 120, (c, id) => c.send(new DeleteVpcCommand({ VpcId: id }))),
];

function dataOf<T>(dataset: { status: 'collected'; data: T[] } | { status: 'not-collected' }): T[] {
  return dataset.status === 'collected' ? dataset.data : [];
}
