// alarms.actions: every alarm of the deployment (metric and composite) has actions enabled
// and at least one ALARM-state action (for example an SNS topic).
// No alarm at all: not-applicable (alarms.coverage grades their absence).
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import { failingDetails, judge, notApplicable, resource } from './lib/outcome';
import { defineCheck } from './types';

interface AlarmLike {
  AlarmName?: string | undefined;
  AlarmArn?: string | undefined;
  ActionsEnabled?: boolean | undefined;
  AlarmActions?: string[] | undefined;
}

function judgeAlarm(alarm: AlarmLike, type: string): ResourceEvidence {
  const enabled = alarm.ActionsEnabled === true;
  const actions = alarm.AlarmActions ?? [];
  const problems = [...(enabled ? [] : ['actions disabled']), ...(actions.length ? [] : ['no ALARM action'])];
  const detail = problems.length ? problems.join('; ') : `notifies ${actions.map((a) => a.split(':').pop()).join(', ')}`;
  return resource(problems.length === 0, alarm.AlarmName ?? alarm.AlarmArn ?? '?', detail, { arn: alarm.AlarmArn, type });
}

export const check = defineCheck({
  id: 'alarms.actions',
  category: 'monitoring',
  severity: 'medium',
  title: {
    ko: '모든 알람에 작업이 켜져 있고 ALARM 상태 작업(예: SNS)이 하나 이상 있음',
    en: 'Every alarm has actions enabled and at least one ALARM-state action (e.g. SNS)',
  },
  remediation: {
    ko: 'SNS 주제를 만들어 이메일을 구독하고, 모든 알람의 "경보 상태" 작업에 그 주제를 추가하세요. 작업이 없는 알람은 아무에게도 알리지 않습니다.',
    en: 'Create an SNS topic with an email subscription and add it as the ALARM-state action of every alarm; an alarm without an action tells no one.',
    cdk: `const topic = new sns.Topic(this, 'Alerts');
alarm.addAlarmAction(new cw_actions.SnsAction(topic));`,
  },
  refs: { fsbp: ['CloudWatch.15', 'CloudWatch.17'], cdkNag: [], prowler: [] },
  datasets: ['cloudwatch.metricAlarms', 'cloudwatch.compositeAlarms'],
  evaluate(inventory) {
    const resources = [
      ...read(inventory.cloudwatch.metricAlarms).map((a) => judgeAlarm(a, 'AWS::CloudWatch::Alarm')),
      ...read(inventory.cloudwatch.compositeAlarms).map((a) => judgeAlarm(a, 'AWS::CloudWatch::CompositeAlarm')),
    ];
    if (resources.length === 0) return notApplicable('The deployment has no CloudWatch alarm (graded by alarms.coverage).');
    return judge(resources, `All ${resources.length} alarm(s) notify someone.`, (f) => `${f.length} alarm(s) notify no one: ${failingDetails(f)}.`);
  },
});
