// Compute tier: the internet-facing ALB in the public subnets and the Auto Scaling group of
// API instances in the private subnets, launched from a launch template (IMDSv2 required,
// encrypted gp3 root volume), ELB health checks, target tracking on CPU and on requests
// per target, group metrics, scaling notifications.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AccessLogsBucket } from './access-logs';
import { SUBNETS } from './network';
import { WORKLOAD_HEALTH_PATH } from './workload-env';

/** Amazon Linux 2023, resolved by CloudFormation at deploy time (no lookup at synth). */
export const AL2023_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

export interface ComputeTierProps {
  readonly vpc: ec2.IVpc;
  readonly albSecurityGroup: ec2.ISecurityGroup;
  readonly appSecurityGroup: ec2.ISecurityGroup;
  readonly role: iam.IRole;
  readonly userData: ec2.UserData;
  readonly alarmTopic: sns.ITopic;
  readonly instanceType: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly appPort: number;
  readonly rootVolumeGb: number;
  readonly cpuTargetPercent: number;
  /** Requests per minute per instance the ASG aims for (ALBRequestCountPerTarget). */
  readonly requestsPerTargetPerMinute: number;
  /** How long CloudFormation waits for the instances' boot signal. */
  readonly bootTimeout: Duration;
  readonly accessLogRetentionDays: number;
  readonly storageRemovalPolicy: RemovalPolicy;
  readonly autoDeleteBucketObjects: boolean;
  /** Forward /drill/* only from this CIDR; from anywhere else the ALB answers 404 itself. */
  readonly drillSourceCidr?: string;
}

/** The path of the API's drill endpoints (stacks/workload/src/routes/drill.ts). */
export const DRILL_PATH_PATTERN = '/drill/*';

export class ComputeTier extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  readonly launchTemplate: ec2.LaunchTemplate;
  readonly accessLogs: AccessLogsBucket;

  constructor(scope: Construct, id: string, props: ComputeTierProps) {
    super(scope, id);
    this.accessLogs = new AccessLogsBucket(this, 'AccessLogs', {
      retentionDays: props.accessLogRetentionDays,
      removalPolicy: props.storageRemovalPolicy,
      autoDeleteObjects: props.autoDeleteBucketObjects,
      receivesServerAccessLogs: false,
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetGroupName: SUBNETS.public },
      securityGroup: props.albSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.logAccessLogs(this.accessLogs.bucket, 'alb');

    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      instanceType: new ec2.InstanceType(props.instanceType),
      machineImage: ec2.MachineImage.fromSsmParameter(AL2023_AMI_PARAMETER, { os: ec2.OperatingSystemType.LINUX }),
      role: props.role,
      securityGroup: props.appSecurityGroup,
      userData: props.userData,
      requireImdsv2: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpPutResponseHopLimit: 1,
      associatePublicIpAddress: false,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(props.rootVolumeGb, {
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            encrypted: true,
            deleteOnTermination: true,
          }),
        },
      ],
    });

    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Asg', {
      vpc: props.vpc,
      vpcSubnets: { subnetGroupName: SUBNETS.app },
      launchTemplate: this.launchTemplate,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        gracePeriod: Duration.minutes(5),
      }),
      cooldown: Duration.seconds(120),
      defaultInstanceWarmup: Duration.seconds(120),
      groupMetrics: [autoscaling.GroupMetrics.all()],
      notifications: [{ topic: props.alarmTopic, scalingEvents: autoscaling.ScalingEvents.ALL }],
      signals: autoscaling.Signals.waitForMinCapacity({ timeout: props.bootTimeout }),
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({ minInstancesInService: props.minCapacity - 1 }),
    });
    props.userData.addSignalOnExitCommand(this.autoScalingGroup);

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'Api', {
      vpc: props.vpc,
      port: props.appPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.INSTANCE,
      targets: [this.autoScalingGroup],
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: WORKLOAD_HEALTH_PATH,
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
        healthyHttpCodes: '200',
      },
    });
    // `open: false`: the ALB's security group is managed by the security group chain.
    const listener = this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultTargetGroups: [this.targetGroup],
    });
    if (props.drillSourceCidr) {
      // Rules are evaluated by priority (lowest first): the drill CIDR reaches the API,
      // every other source asking for /drill/* gets the 404 the API gives without a token.
      listener.addAction('DrillFromSource', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.pathPatterns([DRILL_PATH_PATTERN]), elbv2.ListenerCondition.sourceIps([props.drillSourceCidr])],
        action: elbv2.ListenerAction.forward([this.targetGroup]),
      });
      listener.addAction('DrillFromElsewhere', {
        priority: 20,
        conditions: [elbv2.ListenerCondition.pathPatterns([DRILL_PATH_PATTERN])],
        action: elbv2.ListenerAction.fixedResponse(404, { contentType: 'application/json', messageBody: '{"error":"not_found"}' }),
      });
    }

    this.autoScalingGroup.scaleOnCpuUtilization('CpuTarget', { targetUtilizationPercent: props.cpuTargetPercent });
    this.autoScalingGroup.scaleOnRequestCount('RequestsTarget', { targetRequestsPerMinute: props.requestsPerTargetPerMinute });
  }
}
