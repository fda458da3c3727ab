// report.json's discovery.ownershipConflicts (issue 15): resources tagged for the student
// that another student's stack created, left out of grading. Optional (absent in older
// reports and when there are none); every renderer that shows discovery names each one
// with the other stack, in the report's language, escaped.
import { describe, expect, it } from 'vitest';
import { Report } from '../../contract/report';
import { sampleRun } from '../../fixtures/reports/sample-runs';
import { renderConsoleSummary } from '../render/console';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
const HOSTILE = 'arn:aws:ec2:ap-northeast-2:123456789012:security-group/sg-<script>alert(1)</script>';

function reportWith(conflicts: NonNullable<Report['discovery']>['ownershipConflicts']): Report {
  const run = sampleRun();
  return Report.parse(JSON.parse(JSON.stringify(scoreRun({ ...run, discovery: { ...run.discovery!, ...(conflicts ? { ownershipConflicts: conflicts } : {}) } }, { rubric }))));
}

describe('ownership conflicts in the report', () => {
  const conflicts = [{ resource: HOSTILE, type: 'AWS::EC2::SecurityGroup', stack: 'CloudMart-b-Network', student: 'b' }];

  it('round-trips through report.json and is absent when there are none', () => {
    expect(reportWith(conflicts).discovery!.ownershipConflicts).toEqual(conflicts);
    expect(reportWith(undefined).discovery!.ownershipConflicts).toBeUndefined();
  });

  it('is named, escaped, in HTML (both languages), Markdown and the console summary', () => {
    const report = reportWith(conflicts);
    const en = RENDERERS.html.render(report, { lang: 'en' });
    expect(en).toContain('Ownership conflicts: resources not graded');
    expect(en).toContain("sg-&lt;script&gt;alert(1)&lt;/script&gt; (AWS::EC2::SecurityGroup): tagged for this student but created by student b&#39;s stack CloudMart-b-Network, so it was left out of grading.");
    expect(en).not.toContain('<script>alert(1)');
    const ko = RENDERERS.html.render(report, { lang: 'ko' });
    expect(ko).toContain('소유권 충돌: 채점하지 않은 리소스');
    expect(ko).toContain('학생 b의 스택 CloudMart-b-Network이(가) 만든 리소스이므로 채점에서 제외했습니다.');
    const md = RENDERERS.md.render(report, { lang: 'en' });
    expect(md).toContain('### Ownership conflicts: resources not graded');
    expect(md).not.toContain('<script>');
    const summary = renderConsoleSummary(report, { lang: 'ko' });
    expect(summary).toContain('소유권 충돌: 채점하지 않은 리소스:');
    expect(summary).toContain('CloudMart-b-Network');
  });

  it('shows nothing when there is no conflict', () => {
    const report = reportWith(undefined);
    expect(RENDERERS.html.render(report, { lang: 'en' })).not.toContain('Ownership conflicts');
    expect(RENDERERS.md.render(report, { lang: 'en' })).not.toContain('Ownership conflicts');
    expect(renderConsoleSummary(report, { lang: 'en' })).not.toContain('Ownership conflicts');
  });
});
