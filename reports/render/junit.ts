// junit.xml for CI dashboards: one testsuite per category, one testcase per check
// (classname = category, name = check id). fail -> <failure>, error -> <error>,
// not-applicable -> <skipped>, waived -> <skipped> whose message starts with "waived:" and
// carries the reason, approver, expiry and original status (a waived check is neither a
// pass nor a failure, and <skipped> is what every JUnit consumer understands).
import { CATEGORIES, type CheckEntry, type Report } from '../../contract/report';
import { escapeXml as x } from './escape';
import type { Renderer } from './renderer';

export const junitRenderer: Renderer = {
  format: 'junit',
  fileName: 'junit.xml',
  render(report, { lang }) {
    const seconds = Math.max(0, (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000);
    const tally = (checks: readonly CheckEntry[]) => ({
      tests: checks.length,
      failures: checks.filter((c) => c.status === 'fail').length,
      errors: checks.filter((c) => c.status === 'error').length,
      skipped: checks.filter((c) => c.status === 'not-applicable' || c.status === 'waived').length,
    });
    const all = tally(report.checks);
    const suites = CATEGORIES.map((category) => {
      const checks = report.checks.filter((c) => c.category === category);
      const score = report.score.categories.find((s) => s.id === category);
      const n = tally(checks);
      return [
        `  <testsuite name="${x(category)}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="0" timestamp="${x(report.startedAt)}">`,
        '    <properties>',
        `      <property name="student" value="${x(report.target.student)}"/>`,
        ...(score
          ? [
              `      <property name="weight" value="${score.weight}"/>`,
              `      <property name="points" value="${score.points}/${score.maxPoints}"/>`,
              `      <property name="percent" value="${score.percent}"/>`,
            ]
          : []),
        '    </properties>',
        ...checks.map((c) => testcase(c, lang)),
        '  </testsuite>',
      ].join('\n');
    });
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${x(`${report.tool.name} ${report.target.student}`)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${seconds}" timestamp="${x(report.startedAt)}">`,
      ...suites,
      '</testsuites>',
      '',
    ].join('\n');
  },
};

function testcase(c: CheckEntry, lang: 'ko' | 'en'): string {
  const open = `    <testcase classname="${x(c.category)}" name="${x(c.id)}" time="0">`;
  const title = c.title?.[lang] ?? c.id;
  const body = () =>
    [
      `${title} (${c.severity}, ${c.points}/${c.maxPoints})`,
      c.summary ?? '',
      ...c.resources.filter((r) => r.status === 'fail').map((r) => `- ${r.id}${r.arn ? ` (${r.arn})` : ''}: ${r.detail}`),
      '',
      c.remediation[lang],
      ...(c.remediation.cdk ? ['', c.remediation.cdk] : []),
    ].join('\n');
  switch (c.status) {
    case 'pass':
      return `    <testcase classname="${x(c.category)}" name="${x(c.id)}" time="0"/>`;
    case 'fail':
      return `${open}\n      <failure message="${x(c.summary ?? title)}" type="${x(c.severity)}">${x(body())}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error message="${x(c.summary ?? title)}" type="error">${x(body())}</error>\n    </testcase>`;
    case 'not-applicable':
      return `${open}\n      <skipped message="${x(`not applicable: ${c.summary ?? ''}${c.scoredAs ? ` (${c.scoredAs.reason}: ${c.points}/${c.maxPoints})` : ''}`)}"/>\n    </testcase>`;
    case 'waived': {
      const w = c.waiver;
      const message = `waived: ${w?.reason ?? ''} (approved by ${w?.approver ?? '?'}, expires ${w?.expires ?? '?'}; was ${c.originalStatus ?? '?'})`;
      return `${open}\n      <skipped message="${x(message)}"/>\n    </testcase>`;
    }
  }
}
