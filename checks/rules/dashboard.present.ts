// dashboard.present: a CloudWatch dashboard shows metrics of the deployment's ALB, ASG and
// RDS. The dashboard body is parsed: metric widgets' `metrics` rows ([namespace, name,
// dimName, dimValue, ..., {options}], with the "." and "..." shorthands expanded) must name
//   ALB  AWS/ApplicationELB  LoadBalancer = app/<name>/<id>
//   ASG  AWS/EC2 or AWS/AutoScaling  AutoScalingGroupName = the group
//   RDS  AWS/RDS  DBInstanceIdentifier = the instance
// A metric-math or search expression row counts when its text names the resource.
// One dashboard must show all three; a kind the deployment lacks is not required (its presence
// check grades it); none of the three exists: not-applicable. No dashboard at all: fail.
import { catalogueEntry } from '../../contract/check-catalogue';
import type { ResourceEvidence } from '../../contract/report';
import { read } from './lib/collected';
import { applicationLoadBalancers, asgName, autoScalingGroups, dbId, dbInstances, loadBalancerDimension } from './lib/deployment';
import { failed, notApplicable, resource } from './lib/outcome';
import { text } from './lib/text';
import { defineCheck } from './types';

interface Shown {
  namespace: string;
  dimensions: Record<string, string>;
  expression?: string;
}

/** Every metric row of every metric widget, shorthands expanded. */
export function dashboardMetrics(body: string): Shown[] {
  const parsed = JSON.parse(body) as { widgets?: { properties?: { metrics?: unknown[] } }[] };
  const out: Shown[] = [];
  for (const widget of parsed.widgets ?? []) {
    let previous: unknown[] = [];
    for (const raw of widget.properties?.metrics ?? []) {
      if (!Array.isArray(raw)) continue;
      const last = raw[raw.length - 1];
      const options = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as Record<string, unknown>) : undefined;
      let row = options ? raw.slice(0, -1) : raw;
      if (typeof options?.expression === 'string' && row.length === 0) {
        out.push({ namespace: '', dimensions: {}, expression: options.expression });
        continue;
      }
      if (row[0] === '...') row = [...previous.slice(0, Math.max(0, previous.length - (row.length - 1))), ...row.slice(1)];
      row = row.map((v, i) => (v === '.' ? previous[i] : v));
      previous = row;
      const dimensions: Record<string, string> = {};
      for (let i = 2; i + 1 < row.length; i += 2) dimensions[String(row[i])] = String(row[i + 1]);
      out.push({ namespace: String(row[0] ?? ''), dimensions });
    }
  }
  return out;
}

interface Wanted {
  kind: 'ALB' | 'ASG' | 'RDS';
  names: string[];
  namespaces: string[];
  dimension: string;
  values: string[];
}

function shows(metrics: Shown[], wanted: Wanted): boolean {
  return metrics.some((m) =>
    m.expression !== undefined
      ? wanted.values.some((v) => v && m.expression!.includes(v))
      : wanted.namespaces.includes(m.namespace) && wanted.values.includes(m.dimensions[wanted.dimension] ?? '\u0000'),
  );
}

export const check = defineCheck({
  ...catalogueEntry('dashboard.present'),
  remediation: {
    ko: 'CloudWatch 대시보드 하나에 ALB(요청 수, 5xx, 응답 시간), ASG(CPU), RDS(CPU, 연결 수, 여유 스토리지) 그래프를 추가하세요. 지표의 차원 값이 내 리소스를 가리켜야 합니다.',
    en: 'Put ALB (requests, 5xx, response time), ASG (CPU) and RDS (CPU, connections, free storage) graphs on one CloudWatch dashboard; the metrics\' dimensions must name your own resources.',
    console: {
      ko: 'CloudWatch 콘솔 > 대시보드 > 대시보드 생성 > 위젯 추가 "선 그래프" > 지표: ApplicationELB > 로드 밸런서별 지표에서 내 ALB의 RequestCount, HTTPCode_ELB_5XX_Count, TargetResponseTime; EC2 > Auto Scaling 그룹별에서 내 ASG의 CPUUtilization; RDS > DB 인스턴스별에서 내 인스턴스의 CPUUtilization, DatabaseConnections, FreeStorageSpace > 위젯 생성 > 대시보드 저장.',
      en: 'CloudWatch console > Dashboards > Create dashboard > Add widget "Line" > Metrics: ApplicationELB > Per AppELB Metrics: your ALB\'s RequestCount, HTTPCode_ELB_5XX_Count, TargetResponseTime; EC2 > By Auto Scaling Group: your ASG\'s CPUUtilization; RDS > Per-Database Metrics: your instance\'s CPUUtilization, DatabaseConnections, FreeStorageSpace > Create widget > Save dashboard.',
    },
    cdk: `new cloudwatch.Dashboard(this, 'Dashboard', { widgets: [[
  new cloudwatch.GraphWidget({ title: 'ALB', left: [alb.metrics.requestCount(), alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT)] }),
  new cloudwatch.GraphWidget({ title: 'ASG CPU', left: [new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'CPUUtilization',
    dimensionsMap: { AutoScalingGroupName: asg.autoScalingGroupName } })] }),
  new cloudwatch.GraphWidget({ title: 'RDS', left: [db.metricCPUUtilization(), db.metricFreeStorageSpace()] }),
]] });`,
  },
  datasets: ['cloudwatch.dashboards', 'elbv2.loadBalancers', 'autoscaling.groups', 'rds.instances'],
  remediationFor(inventory) {
    const albs = applicationLoadBalancers(inventory).map((lb) => lb.LoadBalancerName ?? '?');
    const asgs = autoScalingGroups(inventory).map(asgName);
    const dbs = dbInstances(inventory).map(dbId);
    const list = (label: string, items: string[]) => (items.length ? [`${label} ${items.join(', ')}`] : []);
    const mine = [...list('ALB', albs), ...list('ASG', asgs), ...list('RDS', dbs)].join(', ');
    if (!mine) return check.remediation;
    return {
      ...check.remediation,
      ko: `CloudWatch 대시보드 하나에 ${mine}의 그래프를 추가하세요: ALB(요청 수, 5xx, 응답 시간), ASG(CPU), RDS(CPU, 연결 수, 여유 스토리지). 지표의 차원 값이 이 리소스들을 가리켜야 합니다.`,
      en: `Put graphs of ${mine} on one CloudWatch dashboard: ALB (requests, 5xx, response time), ASG (CPU), RDS (CPU, connections, free storage); the metrics' dimensions must name these resources.`,
    };
  },
  evaluate(inventory) {
    const albs = applicationLoadBalancers(inventory);
    const groups = autoScalingGroups(inventory);
    const dbs = dbInstances(inventory);
    const wanted: Wanted[] = [
      { kind: 'ALB' as const, names: albs.map((lb) => lb.LoadBalancerName ?? '?'), namespaces: ['AWS/ApplicationELB'], dimension: 'LoadBalancer', values: albs.map((lb) => loadBalancerDimension(lb.LoadBalancerArn) ?? '') },
      { kind: 'ASG' as const, names: groups.map(asgName), namespaces: ['AWS/EC2', 'AWS/AutoScaling'], dimension: 'AutoScalingGroupName', values: groups.map(asgName) },
      { kind: 'RDS' as const, names: dbs.map(dbId), namespaces: ['AWS/RDS'], dimension: 'DBInstanceIdentifier', values: dbs.map(dbId) },
    ].filter((w) => w.values.length > 0);
    if (wanted.length === 0) return notApplicable(text('배포에 보여 줄 ALB, ASG, RDS 인스턴스가 없습니다.', 'The deployment has no ALB, ASG or RDS instance to show.'));

    const dashboards = read(inventory.cloudwatch.dashboards);
    const kinds = wanted.map((w) => w.kind).join(', ');
    if (dashboards.length === 0) {
      return failed(text(`CloudWatch 대시보드를 찾지 못했습니다. 대시보드 하나가 ${kinds}을(를) 보여 줘야 합니다.`, `No CloudWatch dashboard was found; one should show the ${kinds}.`));
    }
    const shown: Record<string, string[]> = {};
    const resources: ResourceEvidence[] = dashboards.map((d) => {
      let metrics: Shown[];
      try {
        metrics = dashboardMetrics(d.body);
      } catch {
        shown[d.name] = [];
        return resource(false, d.name, text('대시보드 본문이 올바른 JSON이 아님', 'the dashboard body is not valid JSON'), { arn: d.arn, type: 'AWS::CloudWatch::Dashboard' });
      }
      const present = wanted.filter((w) => shows(metrics, w)).map((w) => w.kind);
      const missing = wanted.filter((w) => !present.includes(w.kind));
      shown[d.name] = present;
      const missingList = missing.map((w) => `${w.kind} (${w.names.join(', ')})`).join(', ');
      const detail = missing.length
        ? text(`${present.join(', ') || '배포의 리소스 없음'} 표시; 빠짐: ${missingList}`, `shows ${present.join(', ') || "none of the deployment's resources"}; missing ${missingList}`)
        : text(`배포의 ${kinds} 표시`, `shows the ${kinds} of the deployment`);
      return resource(missing.length === 0, d.name, detail, { arn: d.arn, type: 'AWS::CloudWatch::Dashboard' });
    });
    const good = resources.filter((r) => r.status === 'pass');
    if (good.length) return { status: 'pass', summary: text(`대시보드 ${good[0]!.id}이(가) ${kinds}을(를) 보여 줍니다.`, `Dashboard ${good[0]!.id} shows the ${kinds}.`), resources, evidence: { shown } };
    const all = (lang: 'ko' | 'en') => resources.map((r) => `${r.id} ${lang === 'ko' ? (r.detailKo ?? r.detail) : r.detail}`).join('; ');
    return failed(text(`${kinds}을(를) 모두 보여 주는 대시보드가 없음: ${all('ko')}.`, `No dashboard shows all of the ${kinds}: ${all('en')}.`), resources, { evidence: { shown } });
  },
});
