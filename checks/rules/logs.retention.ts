// logs.retention: the application log group exists and has a retention period set (FSBP
// CloudWatch.16 asks for a year; checks.md relaxes it to "any retention"). Application log
// groups: the deployment's log groups except service-owned ones (config
// nonApplicationLogGroupPrefixes: /aws/... such as Lambda and RDS exports, RDSOSMetrics).
// Every application log group must have a retention. None: fail ("exists" is part of it).
import { catalogueEntry } from '../../contract/check-catalogue';
import type { Inventory } from '../inventory/types';
import type { CheckConfig } from '../config';
import { read } from './lib/collected';
import { names } from './lib/fix';
import { failed, failingText, judge, resource } from './lib/outcome';
import { text } from './lib/text';
import { defineCheck } from './types';

function applicationLogGroups(inventory: Inventory, config: CheckConfig) {
  return read(inventory.logs.logGroups).filter((g) => !config.nonApplicationLogGroupPrefixes.some((p) => (g.logGroupName ?? '').startsWith(p)));
}

export const check = defineCheck({
  ...catalogueEntry('logs.retention'),
  remediation: {
    ko: '앱 로그를 보낼 CloudWatch Logs 로그 그룹을 만들고 보존 기간(예: 14일)을 지정하세요. 보존 기간이 없으면 로그가 영원히 쌓여 비용이 계속 나갑니다.',
    en: 'Create a CloudWatch Logs log group for the app logs with a retention period (e.g. 14 days); without one, logs pile up forever and keep costing money.',
    console: {
      ko: 'CloudWatch 콘솔 > 로그 그룹 > (앱 로그 그룹, 없으면 "로그 그룹 생성") > 작업 > 보존 설정 편집 > 14일 > 저장.',
      en: 'CloudWatch console > Log groups > (the app log group, or "Create log group") > Actions > Edit retention setting > 2 weeks (14 days) > Save.',
    },
    cdk: `new logs.LogGroup(this, 'AppLogs', { logGroupName: \`/cloudmart/\${student}/app\`, retention: logs.RetentionDays.TWO_WEEKS });`,
  },
  datasets: ['logs.logGroups'],
  remediationFor(inventory, config) {
    const groups = applicationLogGroups(inventory, config).filter((g) => !(g.retentionInDays && g.retentionInDays > 0));
    const list = names(groups.map((g) => g.logGroupName ?? '?'));
    if (!list) return check.remediation;
    return {
      ...check.remediation,
      ko: `로그 그룹 ${list}에 보존 기간(예: 14일)을 지정하세요. 보존 기간이 없으면 로그가 영원히 쌓여 비용이 계속 나갑니다.`,
      en: `Set a retention period (e.g. 14 days) on log group ${list}; without one, logs pile up forever and keep costing money.`,
      console: {
        ko: `CloudWatch 콘솔 > 로그 그룹 > ${list} > 작업 > 보존 설정 편집 > 14일 > 저장.`,
        en: `CloudWatch console > Log groups > ${list} > Actions > Edit retention setting > 2 weeks (14 days) > Save.`,
      },
    };
  },
  evaluate(inventory, config) {
    const all = read(inventory.logs.logGroups);
    const app = applicationLogGroups(inventory, config);
    if (app.length === 0) {
      const others = all.map((g) => g.logGroupName ?? '?').join(', ');
      return failed(
        text(
          `애플리케이션 로그 그룹을 찾지 못했습니다${others ? `(서비스 로그 그룹만 있음: ${others})` : ''}.`,
          `No application log group was found${others ? ` (only service log groups: ${others})` : ''}.`,
        ),
      );
    }
    const resources = app.map((g) =>
      resource(
        g.retentionInDays !== undefined && g.retentionInDays > 0,
        g.logGroupName ?? '?',
        g.retentionInDays ? text(`보존 ${g.retentionInDays}일`, `retention ${g.retentionInDays} day(s)`) : text('보존 기간 없음: 이벤트가 영원히 보관됨', 'no retention: events are kept forever'),
        { arn: g.logGroupArn ?? g.arn, type: 'AWS::Logs::LogGroup' },
      ),
    );
    return judge(resources, text('애플리케이션 로그 그룹에 보존 기간이 있습니다.', 'The application log group has a retention period.'), (f) => {
      const d = failingText(f);
      return text(`보존 기간이 없는 로그 그룹: ${d.ko}.`, `Log group without retention: ${d.en}.`);
    });
  },
});
