// The CLI is the only place that writes files. Writes go to a temporary name first and
// are renamed into place only when every file of the batch was written, so a failure
// never leaves half a report behind.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  path: string;
  content: string | Uint8Array;
  /** File mode, e.g. 0o600 for a private key (default: the umask's). */
  mode?: number;
}

export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const staged: { tmp: string; final: string }[] = [];
  try {
    for (const file of files) {
      mkdirSync(path.dirname(file.path), { recursive: true });
      const tmp = `${file.path}.tmp-${process.pid}`;
      writeFileSync(tmp, file.content, file.mode === undefined ? {} : { mode: file.mode });
      staged.push({ tmp, final: file.path });
    }
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { force: true });
    throw error;
  }
  for (const { tmp, final } of staged) renameSync(tmp, final);
}
