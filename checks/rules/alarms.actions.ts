// alarms.actions: every alarm of the deployment (metric and composite) has actions enabled
// and at least one ALARM-state action (for example an SNS topic).
// No alarm at all: not-applicable (alarms.coverage grades their absence).
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import type { Inventory } from '../inventory/types';
import { read } from './lib/collected';
import { names } from './lib/fix';
import { failingText, judge, notApplicable, resource } from './lib/outcome';
import { joinText, text, type Bilingual } from './lib/text';
import { defineCheck } from './types';

interface AlarmLike {
  AlarmName?: string | undefined;
  AlarmArn?: string | undefined;
  ActionsEnabled?: boolean | undefined;
  AlarmActions?: string[] | undefined;
}

function problemsOf(alarm: AlarmLike): Bilingual[] {
  return [
    ...(alarm.ActionsEnabled === true ? [] : [text('작업 꺼짐', 'actions disabled')]),
    ...((alarm.AlarmActions ?? []).length ? [] : [text('ALARM 상태 작업 없음', 'no ALARM action')]),
  ];
}

function judgeAlarm(alarm: AlarmLike, type: string): ResourceEvidence {
  const problems = problemsOf(alarm);
  const targets = (alarm.AlarmActions ?? []).map((a) => a.split(':').pop()).join(', ');
  const detail = problems.length ? joinText(problems) : text(`${targets}에 알림`, `notifies ${targets}`);
  return resource(problems.length === 0, alarm.AlarmName ?? alarm.AlarmArn ?? '?', detail, { arn: alarm.AlarmArn, type });
}

function allAlarms(inventory: Inventory): { alarm: AlarmLike; type: string }[] {
  return [
    ...read(inventory.cloudwatch.metricAlarms).map((alarm) => ({ alarm, type: 'AWS::CloudWatch::Alarm' })),
    ...read(inventory.cloudwatch.compositeAlarms).map((alarm) => ({ alarm, type: 'AWS::CloudWatch::CompositeAlarm' })),
  ];
}

export const check = defineCheck({
  ...catalogueEntry('alarms.actions'),
  remediation: {
    ko: 'SNS 주제를 만들어 이메일을 구독하고, 모든 알람의 "경보 상태" 작업에 그 주제를 추가하세요. 작업이 없는 알람은 아무에게도 알리지 않습니다.',
    en: 'Create an SNS topic with an email subscription and add it as the ALARM-state action of every alarm; an alarm without an action tells no one.',
    console: {
      ko: 'SNS 콘솔 > 주제 > 주제 생성(표준) > 구독 생성: 프로토콜 "이메일" > 받은 메일에서 구독 확인. CloudWatch 콘솔 > 경보 > (각 알람) > 작업 > 편집 > 알림: 경보 상태 트리거 "경보 상태", 그 SNS 주제 선택 > 경보 업데이트. 작업이 꺼진 알람은 작업 > "경보 작업 활성화".',
      en: 'SNS console > Topics > Create topic (Standard) > Create subscription: protocol "Email" > confirm it from the mail. CloudWatch console > Alarms > (each alarm) > Actions > Edit > Notification: alarm state trigger "In alarm", select that SNS topic > Update alarm. For an alarm with actions disabled: Actions > "Enable alarm actions".',
    },
    cdk: `const topic = new sns.Topic(this, 'Alerts');
alarm.addAlarmAction(new cw_actions.SnsAction(topic));`,
  },
  datasets: ['cloudwatch.metricAlarms', 'cloudwatch.compositeAlarms'],
  remediationFor(inventory) {
    const silent = names(allAlarms(inventory).filter(({ alarm }) => problemsOf(alarm).length > 0).map(({ alarm }) => alarm.AlarmName ?? alarm.AlarmArn ?? '?'));
    if (!silent) return check.remediation;
    return {
      ...check.remediation,
      ko: `SNS 주제를 만들어 이메일을 구독하고, 알람 ${silent}의 "경보 상태" 작업에 그 주제를 추가하세요(작업이 꺼져 있으면 켜세요). 작업이 없는 알람은 아무에게도 알리지 않습니다.`,
      en: `Create an SNS topic with an email subscription and add it as the ALARM-state action of alarm ${silent} (and enable its actions if they are off); an alarm without an action tells no one.`,
    };
  },
  evaluate(inventory) {
    const resources = allAlarms(inventory).map(({ alarm, type }) => judgeAlarm(alarm, type));
    if (resources.length === 0) {
      return notApplicable(text('배포에 CloudWatch 알람이 없습니다(alarms.coverage에서 채점).', 'The deployment has no CloudWatch alarm (graded by alarms.coverage).'));
    }
    return judge(resources, text(`알람 ${resources.length}개 모두 누군가에게 알립니다.`, `All ${resources.length} alarm(s) notify someone.`), (f) => {
      const d = failingText(f);
      return text(`알람 ${f.length}개가 아무에게도 알리지 않음: ${d.ko}.`, `${f.length} alarm(s) notify no one: ${d.en}.`);
    });
  },
});
