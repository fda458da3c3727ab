// Load balancers (their listeners go with them), then target groups, which AWS refuses to
// delete while a load balancer still uses them.
import { declareOperations } from '../../checks/aws/operations';
import { ignoringGone, isGone, pollUntil, type Deleter } from '../deleter';
import { say } from '../text';
import { awsSdk } from '../../checks/aws/sdk';

const {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} = awsSdk('@aws-sdk/client-elastic-load-balancing-v2');

export const OPERATIONS = declareOperations('elbv2', ['DeleteLoadBalancer', 'DescribeLoadBalancers', 'DeleteTargetGroup']);

export const DELETERS: Deleter[] = [
  {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    rank: 30,
    async remove(r, ctx) {
      const client = ctx.session.client(ElasticLoadBalancingV2Client, 'elbv2');
      await ignoringGone(() => client.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: r.id })));
      await pollUntil(
        async () => {
          try {
            return ((await client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [r.id] }))).LoadBalancers ?? []).length === 0;
          } catch (error) {
            if (isGone(error)) return true;
            throw error;
          }
        },
        ctx,
        'deleting the load balancer',
      );
    },
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    rank: 30,
    skip(r, _inventory, deleting) {
      // arn:...:listener/app/<name>/<lb id>/<listener id> -> arn:...:loadbalancer/app/<name>/<lb id>
      const loadBalancerArn = r.id.replace(':listener/', ':loadbalancer/').replace(/\/[^/]+$/, '');
      return deleting('AWS::ElasticLoadBalancingV2::LoadBalancer', loadBalancerArn)
        ? { action: 'with-parent', reason: say('리스너는 로드 밸런서와 함께 지워집니다', 'a listener goes with its load balancer') }
        : { action: 'keep', reason: say('남겨 두는 로드 밸런서의 리스너입니다', 'the listener of a load balancer that is kept') };
    },
    remove: async () => {},
  },
  {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    rank: 40,
    remove: (r, ctx) => ignoringGone(() => ctx.session.client(ElasticLoadBalancingV2Client, 'elbv2').send(new DeleteTargetGroupCommand({ TargetGroupArn: r.id }))),
  },
];
