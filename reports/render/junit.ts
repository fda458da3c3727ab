// junit.xml for CI dashboards: one testsuite per category, one testcase per check
// (classname = category, name = check id). fail -> <failure>, error -> <error>,
// blocked (a missing tier; it costs its points) -> <failure type="blocked">,
// not-applicable -> <skipped>, waived -> <skipped> with the reason, approver, expiry and
// original status (a waived check is neither a pass nor a failure, and <skipped> is what
// every JUnit consumer understands). Messages and texts follow --lang; the stamps (emulator,
// endpoint, snapshot, simulated) are properties of every suite.
import { CATEGORIES, type CheckEntry, type Report } from '../../contract/report';
import { blockedSentence, shownStatus } from './blocked';
import { escapeXml as x } from './escape';
import { detailOf, say, severityName, statusName, t, type Lang } from './i18n';
import type { Renderer } from './renderer';
import { fixOf } from './remediation';
import { stampTexts } from './stamps';

export const junitRenderer: Renderer = {
  format: 'junit',
  fileName: 'junit.xml',
  render(report, { lang, timeZone }) {
    const seconds = Math.max(0, (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000);
    const tally = (checks: readonly CheckEntry[]) => ({
      tests: checks.length,
      failures: checks.filter((c) => shownStatus(c) === 'fail' || shownStatus(c) === 'blocked').length,
      errors: checks.filter((c) => c.status === 'error').length,
      skipped: checks.filter((c) => shownStatus(c) === 'not-applicable' || c.status === 'waived').length,
    });
    const stamps = stampTexts(report, lang, timeZone).map((s) => `      <property name="stamp" value="${x(`${s.label}: ${s.sentence}`)}"/>`);
    const all = tally(report.checks);
    const suites = CATEGORIES.map((category) => {
      const checks = report.checks.filter((c) => c.category === category);
      const score = report.score.categories.find((s) => s.id === category);
      const n = tally(checks);
      return [
        `  <testsuite name="${x(category)}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="0" timestamp="${x(report.startedAt)}">`,
        '    <properties>',
        `      <property name="student" value="${x(report.target.student)}"/>`,
        ...stamps,
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

function testcase(c: CheckEntry, lang: Lang): string {
  const open = `    <testcase classname="${x(c.category)}" name="${x(c.id)}" time="0">`;
  const title = c.title?.[lang] ?? c.id;
  const summary = say(lang, c.summary);
  const fix = fixOf(lang, c.remediation);
  const body = (headline: string) =>
    [
      `${title} (${severityName(lang, c.severity)}, ${c.points}/${c.maxPoints})`,
      headline,
      ...c.resources.filter((r) => r.status === 'fail').map((r) => `- ${r.id}${r.arn ? ` (${r.arn})` : ''}: ${detailOf(lang, r)}`),
      '',
      ...(fix.warning ? [`${t(lang, 'fixWarning')}: ${fix.warning}`, ''] : []),
      `${t(lang, 'howToFix')}: ${fix.text}`,
      ...(fix.console ? ['', `${t(lang, 'inConsole')}: ${fix.console}`] : []),
      ...(fix.cdk ? ['', `${t(lang, 'withCdk')}:`, fix.cdk] : []),
    ].join('\n');
  const status = shownStatus(c);
  switch (status) {
    case 'pass':
      return `    <testcase classname="${x(c.category)}" name="${x(c.id)}" time="0"/>`;
    case 'fail':
      return `${open}\n      <failure message="${x(summary || title)}" type="${x(c.severity)}">${x(body(summary))}</failure>\n    </testcase>`;
    case 'blocked': {
      const why = blockedSentence(lang, c);
      return `${open}\n      <failure message="${x(why)}" type="blocked">${x(body(why))}</failure>\n    </testcase>`;
    }
    case 'error':
      return `${open}\n      <error message="${x(summary || title)}" type="error">${x(body(summary))}</error>\n    </testcase>`;
    case 'not-applicable':
      return `${open}\n      <skipped message="${x(`${statusName(lang, 'not-applicable')}: ${summary}`)}"/>\n    </testcase>`;
    case 'waived': {
      const w = c.waiver;
      const was = c.originalStatus ? statusName(lang, c.originalStatus) : '?';
      const message =
        lang === 'ko'
          ? `면제: ${w?.reason ?? ''} (${t(lang, 'approvedBy')} ${w?.approver ?? '?'}, ${t(lang, 'expires')} ${w?.expires ?? '?'}; ${t(lang, 'originalStatus')} ${was})`
          : `waived: ${w?.reason ?? ''} (approved by ${w?.approver ?? '?'}, expires ${w?.expires ?? '?'}; was ${c.originalStatus ?? '?'})`;
      return `${open}\n      <skipped message="${x(message)}"/>\n    </testcase>`;
    }
  }
}
