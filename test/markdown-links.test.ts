// The repository's Markdown files point only at files that exist in the repository: every
// relative link resolves, and every file path written as code (`stacks/cost/`, `../x.md`)
// names a file or folder of the repository, except the folders that commands create
// (reports/out, cdk.out, the emulator's .venv, the workload's dist).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Tracked and new (not ignored) Markdown files: what a clone holds. */
const MARKDOWN = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.startsWith('node_modules/') && existsSync(path.join(ROOT, f)));

/** Made by commands at run time, so named in the docs but absent from a clone. */
const GENERATED = ['reports/out', 'cdk.out', '.venv', 'stacks/workload/dist', 'node_modules'];

const INLINE_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_LINK = /^\s*\[[^\]]+\]:\s*(\S+)/gm;
const CODE_SPAN = /`([^`\n]+)`/g;
/** A code span that is a path: dots and slashes only between path characters, with a folder or an extension. */
const PATH_LIKE = /^(\.{1,2}\/)?[\w@.-]+(\/[\w@.*<>-]+)*\/?$/;
const FILE_EXTENSION = /\.(md|ts|js|mjs|json|ya?ml|py|csv|html|sh|txt|service)$/;

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#');
}

/** Where a path written in `file` points, or undefined when it is not about the repository's files. */
function resolveTarget(file: string, target: string): string {
  const clean = decodeURI(target.split('#')[0]!);
  return clean.startsWith('/') ? clean : path.resolve(ROOT, path.dirname(file), clean);
}

function insideRepository(absolute: string): boolean {
  const relative = path.relative(ROOT, absolute);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function generated(absolute: string): boolean {
  const relative = path.relative(ROOT, absolute).split(path.sep).join('/');
  return GENERATED.some((dir) => relative === dir || relative.startsWith(`${dir}/`) || relative.includes(`/${dir}/`) || relative.endsWith(`/${dir}`));
}

describe('Markdown files point only at files of the repository', () => {
  it('finds the Markdown files', () => {
    expect(MARKDOWN).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md']));
  });

  it.each(MARKDOWN)('%s: every relative link resolves to a file or folder of the repository', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const broken: string[] = [];
    for (const match of [...text.matchAll(INLINE_LINK), ...text.matchAll(REFERENCE_LINK)]) {
      const target = match[1]!;
      if (isExternal(target)) continue;
      const absolute = resolveTarget(file, target);
      if (!insideRepository(absolute) || !existsSync(absolute)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it.each(MARKDOWN)('%s: every file path written as code names a file or folder of the repository', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const broken: string[] = [];
    for (const match of text.matchAll(CODE_SPAN)) {
      const span = match[1]!.trim();
      if (!PATH_LIKE.test(span) || /[<>*]/.test(span)) continue; // placeholders and globs are not files
      const relativeMarker = span.startsWith('./') || span.startsWith('../');
      if (!relativeMarker && !(span.includes('/') && (FILE_EXTENSION.test(span) || span.endsWith('/')))) continue;
      // Written relative to the Markdown file, or (as most docs here do) to the repository root.
      const candidates = relativeMarker ? [resolveTarget(file, span)] : [resolveTarget(file, span), path.resolve(ROOT, span)];
      if (candidates.some((c) => !insideRepository(c))) {
        broken.push(`${span} (outside the repository)`);
        continue;
      }
      if (candidates.some((c) => existsSync(c) || generated(c))) continue;
      broken.push(span);
    }
    expect(broken).toEqual([]);
  });
});
