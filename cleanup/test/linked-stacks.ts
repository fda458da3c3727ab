// Small stacks linked as the reference stacks are (for cleanup's tests and the emulator
// patches they rely on): a Network stack exporting its VPC and subnets, an App stack and a
// Data stack importing them (Fn::ImportValue, as CDK writes cross-stack references), the
// Data stack's DB instance with deletion protection on (the default and production
// profiles), and security groups that reference each other.
import { CreateStackCommand, DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';

export interface LinkedStacks {
  network: string;
  app: string;
  data: string;
  /** The Data stack's DB instance identifier. */
  database: string;
}

const tags = (student: string) => [
  { Key: 'cloudmart:student', Value: student },
  { Key: 'cloudmart:project', Value: 'cloudmart' },
];

export function networkTemplate(prefix: string, cidrOctet: number): string {
  return JSON.stringify({
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `10.${cidrOctet}.0.0/16` } },
      SubnetA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: `10.${cidrOctet}.1.0/24`, AvailabilityZone: 'ap-northeast-2a' } },
      SubnetB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: `10.${cidrOctet}.2.0/24`, AvailabilityZone: 'ap-northeast-2b' } },
    },
    Outputs: {
      VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: `${prefix}Network:ExportsOutputRefVpc` } },
      SubnetA: { Value: { Ref: 'SubnetA' }, Export: { Name: `${prefix}Network:ExportsOutputRefSubnetA` } },
      SubnetB: { Value: { Ref: 'SubnetB' }, Export: { Name: `${prefix}Network:ExportsOutputRefSubnetB` } },
    },
  });
}

export function appTemplate(prefix: string): string {
  return JSON.stringify({
    Resources: {
      AppGroup: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'app', VpcId: { 'Fn::ImportValue': `${prefix}Network:ExportsOutputRefVpc` } },
      },
    },
  });
}

export function dataTemplate(prefix: string, database: string, deletionProtection: boolean): string {
  return JSON.stringify({
    Resources: {
      SubnetGroup: {
        Type: 'AWS::RDS::DBSubnetGroup',
        Properties: {
          DBSubnetGroupDescription: 'data',
          SubnetIds: [{ 'Fn::ImportValue': `${prefix}Network:ExportsOutputRefSubnetA` }, { 'Fn::ImportValue': `${prefix}Network:ExportsOutputRefSubnetB` }],
        },
      },
      Database: {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          DBInstanceIdentifier: database,
          DBInstanceClass: 'db.t3.micro',
          Engine: 'postgres',
          MasterUsername: 'cloudmart',
          MasterUserPassword: 'not-a-real-password-1',
          AllocatedStorage: '20',
          Port: '5433',
          DBSubnetGroupName: { Ref: 'SubnetGroup' },
          DeletionProtection: deletionProtection,
        },
      },
    },
  });
}

/** Creates Network, then App and Data (which import Network's exports), for `student`. */
export async function createLinkedStacks(
  cfn: CloudFormationClient,
  student: string,
  options: { cidrOctet: number; deletionProtection: boolean },
): Promise<LinkedStacks> {
  const prefix = `CloudMart-${student}-`;
  const database = `cloudmart-${student}-db`;
  const create = async (name: string, body: string) => {
    await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Tags: tags(student) }));
    const status = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
    if (status !== 'CREATE_COMPLETE') throw new Error(`${name}: ${status}`);
  };
  await create(`${prefix}Network`, networkTemplate(prefix, options.cidrOctet));
  await create(`${prefix}App`, appTemplate(prefix));
  await create(`${prefix}Data`, dataTemplate(prefix, database, options.deletionProtection));
  return { network: `${prefix}Network`, app: `${prefix}App`, data: `${prefix}Data`, database };
}
