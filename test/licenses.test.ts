// Nothing GPL or AGPL in what we install: the project ships under Apache-2.0 and is
// used in classrooms. k6 (AGPL) is never a dependency; we ship k6 scripts only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

export function isCopyleft(license: string): boolean {
  // An SPDX "A OR B" expression is fine when one alternative is permissive.
  const alternatives = license.replace(/[()]/g, '').split(/\s+OR\s+/i);
  return alternatives.every((alt) => /\b(A?GPL|LGPL|SSPL)/i.test(alt));
}

function installedPackages(): { name: string; license: string }[] {
  const found: { name: string; license: string }[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const full = path.join(dir, entry);
      if (entry.startsWith('@')) {
        walk(full);
        continue;
      }
      const manifest = path.join(full, 'package.json');
      if (existsSync(manifest)) {
        const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; license?: unknown; licenses?: unknown };
        const license = typeof json.license === 'string' ? json.license : JSON.stringify(json.license ?? json.licenses ?? 'UNKNOWN');
        found.push({ name: json.name ?? entry, license });
      }
      walk(path.join(full, 'node_modules'));
    }
  };
  walk(path.join(ROOT, 'node_modules'));
  return found;
}

describe('licenses', () => {
  it('classifies SPDX expressions', () => {
    expect(isCopyleft('MIT')).toBe(false);
    expect(isCopyleft('(MIT OR GPL-3.0-or-later)')).toBe(false);
    expect(isCopyleft('AGPL-3.0')).toBe(true);
    expect(isCopyleft('GPL-2.0 OR LGPL-3.0')).toBe(true);
  });

  it('installs no GPL, AGPL, LGPL or SSPL package, and no k6', () => {
    const packages = installedPackages();
    expect(packages.length).toBeGreaterThan(100);
    expect(packages.filter((p) => isCopyleft(p.license))).toEqual([]);
    expect(packages.filter((p) => p.name === 'k6')).toEqual([]);
  });
});
