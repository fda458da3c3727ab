// logs.retention: the application log group exists and has a retention period set (FSBP
// CloudWatch.16 asks for a year; checks.md relaxes it to "any retention"). Application log
// groups: the deployment's log groups except service-owned ones (config
// nonApplicationLogGroupPrefixes: /aws/... such as Lambda and RDS exports, RDSOSMetrics).
// Every application log group must have a retention. None: fail ("exists" is part of it).
import { read } from './lib/collected';
import { failed, failingDetails, judge, resource } from './lib/outcome';
import { defineCheck } from './types';

export const check = defineCheck({
  id: 'logs.retention',
  category: 'monitoring',
  severity: 'low',
  title: { ko: '애플리케이션 로그 그룹이 있고 보존 기간이 설정됨', en: 'The application log group exists and has a retention period' },
  remediation: {
    ko: '앱 로그를 보낼 CloudWatch Logs 로그 그룹을 만들고 보존 기간(예: 14일)을 지정하세요. 보존 기간이 없으면 로그가 영원히 쌓여 비용이 계속 나갑니다.',
    en: 'Create a CloudWatch Logs log group for the app logs with a retention period (e.g. 14 days); without one, logs pile up forever and keep costing money.',
    cdk: `new logs.LogGroup(this, 'AppLogs', { logGroupName: \`/cloudmart/\${student}/app\`, retention: logs.RetentionDays.TWO_WEEKS });`,
  },
  refs: { fsbp: ['CloudWatch.16'], cdkNag: [], prowler: [] },
  datasets: ['logs.logGroups'],
  evaluate(inventory, config) {
    const all = read(inventory.logs.logGroups);
    const app = all.filter((g) => !config.nonApplicationLogGroupPrefixes.some((p) => (g.logGroupName ?? '').startsWith(p)));
    if (app.length === 0) {
      const others = all.map((g) => g.logGroupName ?? '?');
      return failed(`No application log group was found${others.length ? ` (only service log groups: ${others.join(', ')})` : ''}.`);
    }
    const resources = app.map((g) =>
      resource(g.retentionInDays !== undefined && g.retentionInDays > 0, g.logGroupName ?? '?', g.retentionInDays ? `retention ${g.retentionInDays} day(s)` : 'no retention: events are kept forever', {
        arn: g.logGroupArn ?? g.arn,
        type: 'AWS::Logs::LogGroup',
      }),
    );
    return judge(resources, 'The application log group has a retention period.', (f) => `Log group without retention: ${failingDetails(f)}.`);
  },
});
