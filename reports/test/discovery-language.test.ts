// Issue 13 item 4: the report's "discovered deployment" section in the report's language.
// Discovery words what it searched in both languages (checks/discovery/searched.ts): English in
// report.json's discovery.searched as before, Korean beside it in searchedKo; a Korean report
// shows the Korean lines, and a report.json written before (no searchedKo) still reads, in English.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../../contract/report';
import * as searched from '../../checks/discovery/searched';
import { readReport, runCli, tempDirs } from '../../commands/test/support';
import { sampleRun } from '../../fixtures/reports/sample-runs';
import { RENDERERS } from '../render/index';
import { defaultRubric } from '../rubric/rubric';
import { scoreRun } from '../score/score-run';

const rubric = defaultRubric();
const tempDir = tempDirs('cloudmart-discovery-lang-');
/** English words of the lines that a Korean line must not keep (ids, API names and tags aside). */
const ENGLISH = /\b(found|searched|tagged|stacks whose|could not|followed|resources in all|was refused|failed|asked in|instead|where CloudFront)\b/;

function discoverySection(html: string): string {
  return html.slice(html.indexOf('<section id="discovery">'), html.indexOf('</section>', html.indexOf('<section id="discovery">')));
}

describe('the discovered deployment in the report’s language (issue 13 item 4)', () => {
  it('every line discovery can write has a Korean twin without English sentences', () => {
    const scope = { student: 'kim', region: 'ap-northeast-2', accountId: '123456789012' };
    const refused = searched.cloudFrontTagSearchRefused('kim', 'AccessDeniedException: denied by an SCP');
    const lines = [
      searched.stacksSearched(scope, 'CloudMart-kim-', ['CloudMart-kim-App', 'CloudMart-kim-Data']),
      searched.stacksSearched(scope, 'CloudMart-kim-', []),
      searched.taggedSearched(scope, 12),
      searched.cloudFrontTaggedSearched('kim', 'us-east-1', 1),
      refused,
      searched.cloudFrontTagSearchRefused('kim', 'ThrottlingException: slow down.'),
      searched.cloudFrontListedInstead(refused, 1),
      searched.cloudFrontByOriginsOnly(refused, 'AccessDenied: no.'),
      searched.linksFollowed(57),
      searched.searchFailed.stacks('AccessDenied: no'),
      searched.searchFailed.stackResources('AccessDenied: no'),
      searched.searchFailed.tagged('kim', 'AccessDenied: no'),
    ];
    for (const line of lines) {
      expect(line.en, line.en).toMatch(ENGLISH);
      expect(line.ko, line.ko).not.toMatch(ENGLISH);
      expect(line.ko).toMatch(/[가-힣]/);
    }
    // The facts are the same in both.
    expect(lines[0]!.ko).toContain('CloudMart-kim-App, CloudMart-kim-Data');
    expect(lines[0]!.ko).toContain('계정 123456789012');
    expect(lines[8]!.ko).toContain('57개 리소스');
  });

  it('a report.json written before issue 13 (no searchedKo) still parses and shows its English lines', () => {
    const old = Report.parse(JSON.parse(JSON.stringify(scoreRun(sampleRun(), { rubric }))));
    expect(old.discovery?.searchedKo).toBeUndefined();
    expect(discoverySection(RENDERERS.html.render(old, { lang: 'ko' }))).toContain('cloudformation:DescribeStacks');
    // Korean lines that are not one per English line are not trusted.
    const run = sampleRun();
    const odd = scoreRun({ ...run, discovery: { ...run.discovery!, searchedKo: ['하나뿐'] } }, { rubric });
    expect(discoverySection(RENDERERS.html.render(odd, { lang: 'ko' }))).not.toContain('하나뿐');
  });

  it('verify writes the Korean lines beside the English ones, and report.html shows the language asked for', { timeout: 150_000 }, async () => {
    const out = path.join(tempDir(), 'out');
    const run = await runCli(['verify', '--target', 'local', '--out', out, '--format', 'json,html', '--quiet'], { timeoutMs: 120_000 });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = readReport(path.join(out, 'report.json'));
    const d = report.discovery!;
    expect(d.searched.length).toBeGreaterThanOrEqual(3);
    expect(d.searchedKo).toHaveLength(d.searched.length);
    expect(d.searched[0]).toMatch(/^CloudFormation stacks whose name starts with "CloudMart-student01-"/);
    expect(d.searchedKo![0]).toMatch(/^이름이 "CloudMart-student01-"\(으\)로 시작하거나 태그 cloudmart:student=student01이\(가\) 붙은 CloudFormation 스택, ap-northeast-2 \(계정 123456789012\): \d+개 찾음/);
    for (const line of d.searchedKo!) expect(line).not.toMatch(ENGLISH);

    const ko = discoverySection(readFileSync(path.join(out, 'report.html'), 'utf8'));
    for (const line of d.searchedKo!) expect(ko).toContain(line.replace(/"/g, '&quot;'));
    expect(ko).not.toMatch(ENGLISH);
    const en = discoverySection(RENDERERS.html.render(report, { lang: 'en' }));
    expect(en).toContain(d.searched[0]!.replace(/"/g, '&quot;'));
    expect(en).not.toMatch(/[가-힣]{2}/);
  });
});
