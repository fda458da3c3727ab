// The line a command prints for each file it wrote, in the command's language.
import type { Language } from '../contract/errors';

export function wroteLine(file: string, lang: Language): string {
  return lang === 'ko' ? `${file} 저장함` : `wrote ${file}`;
}

/**
 * After verify: how to hand the report to the instructor without a browser (AWS CloudShell
 * downloads files but opens none): one `aws s3 cp` line, the bucket left for the instructor to say.
 */
export function shareLine(files: readonly string[], student: string, lang: Language): string | undefined {
  // The report a person reads first: HTML, else Markdown, else whichever report was written.
  const report = ['report.html', 'report.md', 'report.json', 'junit.xml', 'report.csv'].map((name) => files.find((f) => f.endsWith(name))).find(Boolean);
  if (!report) return undefined;
  return lang === 'ko'
    ? `강사에게 보내려면: aws s3 cp ${report} s3://<강사가 알려 준 버킷>/${student}/`
    : `to share it with your instructor: aws s3 cp ${report} s3://<the bucket your instructor names>/${student}/`;
}
