// `waivers keygen | sign | check`: the instructor's side of signed waivers. The signing
// itself lives in reports/waivers; this composes it with reading the files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../contract/errors';
import type { Bilingual } from '../contract/report';
import {
  generateInstructorKeys,
  loadPublicKey,
  parseWaiverFile,
  serializeWaiverFile,
  signWaivers,
  verifyWaiverFile,
} from '../reports/index';

export interface OutputFile {
  path: string;
  content: string;
  /** File mode, e.g. 0o600 for a private key. */
  mode?: number;
}

const WAIVER_FILE: Bilingual = { ko: '면제 파일', en: 'the waiver file' };

function read(file: string, what: Bilingual): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new UsageError({ ko: `${what.ko} ${file} 을(를) 읽을 수 없습니다: ${reason}.`, en: `Cannot read ${what.en} ${file}: ${reason}.` }, { cause: error });
  }
}

/** A new instructor key pair; the private key file is readable by its owner only. */
export function keygenWaivers(options: { dir: string; name?: string }): { files: OutputFile[]; keyId: string } {
  const keys = generateInstructorKeys();
  const base = path.join(options.dir, options.name ?? 'instructor-waivers');
  return {
    keyId: keys.keyId,
    files: [
      { path: `${base}.key.pem`, content: keys.privateKeyPem, mode: 0o600 },
      { path: `${base}.pub.pem`, content: keys.publicKeyPem },
    ],
  };
}

/** Signs the waivers of a file (any earlier signature replaced); returns the signed file. */
export function signWaiverFile(options: { file: string; privateKey: string; out?: string }): { files: OutputFile[]; count: number } {
  const waivers = parseWaiverFile(read(options.file, WAIVER_FILE), options.file);
  const signed = signWaivers(waivers.waivers, read(options.privateKey, { ko: '개인 키', en: 'the private key' }));
  return { count: signed.waivers.length, files: [{ path: options.out ?? options.file, content: serializeWaiverFile(signed) }] };
}

/** Whether a waiver file verifies against the instructor's public key, and why not. */
export function checkWaiverFile(options: { file: string; publicKey: string }): { trusted: boolean; reason?: string; reasonKo?: string; count: number } {
  const file = parseWaiverFile(read(options.file, WAIVER_FILE), options.file);
  const result = verifyWaiverFile(file, loadPublicKey(options.publicKey));
  return { count: file.waivers.length, trusted: result.trusted, ...(result.trusted ? {} : { reason: result.reason, reasonKo: result.reasonKo }) };
}
