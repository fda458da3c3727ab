// alb.internet-facing: an internet-facing ALB in public subnets has a listener that forwards
// to a target group. Passes when at least one ALB of the deployment does (a second, internal
// ALB is allowed). No ALB: fail (this is the check that grades the ALB's existence).
// Only listeners' default actions are in the inventory: a listener whose default action is a
// fixed response and whose *rules* forward is not seen as forwarding (see the report).
import { catalogueEntry } from '../../contract/check-catalogue';
import { read } from './lib/collected';
import { applicationLoadBalancers, lbName } from './lib/deployment';
import { network } from './lib/network';
import { failed, failingText, resource } from './lib/outcome';
import { appPortOf } from './lib/fix';
import { idList, joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

export const check = defineCheck({
  ...catalogueEntry('alb.internet-facing'),
  remediation: {
    ko: '퍼블릭 서브넷에 internet-facing 스킴의 Application Load Balancer를 만들고, 리스너의 기본 동작을 앱 대상 그룹으로 forward 하세요.',
    en: 'Create an internet-facing Application Load Balancer in the public subnets and make a listener forward to the app target group.',
    console: {
      ko: 'EC2 콘솔 > 로드 밸런서 > 로드 밸런서 생성 > Application Load Balancer: 체계 "인터넷 경계", 퍼블릭 서브넷 2개 이상(AZ마다), 리스너 HTTP:80의 기본 작업 "대상 그룹으로 전달" = 앱 대상 그룹 > 생성.',
      en: 'EC2 console > Load balancers > Create load balancer > Application Load Balancer: scheme "Internet-facing", public subnets in 2+ AZs, listener HTTP:80 with default action "Forward to target group" = the app target group > Create.',
    },
    cdk: `const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
  vpc, internetFacing: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
});
alb.addListener('Http', { port: 80 }).addTargets('App', { port: appPort, targets: [asg] });`,
  },
  datasets: ['elbv2.loadBalancers', 'elbv2.listeners', 'ec2.subnets', 'ec2.routeTables'],
  remediationFor(inventory, config) {
    const port = appPortOf(inventory, config.appPort);
    return {
      ...check.remediation,
      cdk: `const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
  vpc, internetFacing: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
});
alb.addListener('Http', { port: 80 }).addTargets('App', { port: ${port}, targets: [asg] });`,
    };
  },
  evaluate(inventory) {
    const albs = applicationLoadBalancers(inventory);
    if (albs.length === 0) return failed(text('배포에서 Application Load Balancer를 찾지 못했습니다.', 'No application load balancer was found in the deployment.'));
    const listeners = read(inventory.elbv2.listeners);
    const net = network(inventory);
    const resources = albs.map((lb) => {
      const problems: Bilingual[] = [];
      if (lb.Scheme !== 'internet-facing') problems.push(text(`체계가 ${lb.Scheme ?? '알 수 없음'}`, `scheme is ${lb.Scheme ?? 'unknown'}`));
      const subnets = (lb.AvailabilityZones ?? []).map((az) => net.subnet(az.SubnetId ?? ''));
      const notPublic = subnets.filter((s) => s.tier !== 'public');
      if (subnets.length === 0) problems.push(text('서브넷 없음', 'no subnets'));
      if (notPublic.length) {
        const tierKo = { public: '퍼블릭', private: '프라이빗', unknown: '알 수 없음' } as const;
        problems.push(
          text(
            `퍼블릭이 아닌 서브넷에 있음: ${notPublic.map((s) => `${s.id}(${tierKo[s.tier]})`).join(', ')}`,
            `in non-public subnet(s) ${notPublic.map((s) => `${s.id} (${s.tier})`).join(', ')}`,
          ),
        );
      }
      const mine = listeners.filter((l) => l.LoadBalancerArn === lb.LoadBalancerArn);
      const forwarding = mine.filter((l) =>
        (l.DefaultActions ?? []).some(
          (a) => a.Type === 'forward' && (a.TargetGroupArn !== undefined || (a.ForwardConfig?.TargetGroups ?? []).length > 0),
        ),
      );
      if (mine.length === 0) problems.push(text('리스너 없음', 'no listener'));
      else if (forwarding.length === 0) problems.push(text(`리스너 ${mine.length}개 중 대상 그룹으로 전달하는 것이 없음`, `none of its ${mine.length} listener(s) forwards to a target group`));
      const ok = problems.length === 0;
      const ports = forwarding.map((l) => l.Port).join(', ');
      const detail = ok
        ? text(
            `퍼블릭 서브넷 ${subnets.length}개의 인터넷 연결 ALB; 포트 ${ports}의 리스너가 대상 그룹으로 전달`,
            `internet-facing in ${subnets.length} public subnet(s); listener(s) on port ${ports} forward to a target group`,
          )
        : joinText(problems);
      return resource(ok, lbName(lb), detail, { arn: lb.LoadBalancerArn, type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' });
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length > 0) {
      const who = idList(good, 10);
      return {
        status: 'pass',
        summary: text(`${who.ko}: 퍼블릭 서브넷의 인터넷 연결 ALB이며 대상 그룹으로 전달합니다.`, `${who.en} is internet-facing in public subnets and forwards to a target group.`),
        resources,
      };
    }
    const d = failingText(resources);
    return failed(text(`대상 그룹으로 전달하는 인터넷 연결 ALB가 없음: ${d.ko}.`, `No internet-facing ALB forwards to a target group: ${d.en}.`), resources);
  },
});
