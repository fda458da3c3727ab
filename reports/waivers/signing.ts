// Ed25519 signatures on waiver files (node:crypto), so a student cannot waive a check for
// themselves: only the holder of the instructor's private key can produce a file that the
// public key verifies.
//
// What is signed (canonicalWaiverPayload): the UTF-8 bytes of
//   JSON.stringify(["cloudmart-waivers/v1", [[check, student, reason, approver, expires], ...]])
// with every string in Unicode NFC, the entries in file order. Arrays fix the field order,
// so neither YAML formatting, comments, key order nor an editor's NFC/NFD choice changes
// the bytes; any change to a value, or adding, removing or reordering an entry, does.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../../contract/errors';
import { WAIVER_FORMAT, type WaiverEntry, type WaiverFile } from './waiver-file';

export function canonicalWaiverPayload(entries: readonly WaiverEntry[]): Buffer {
  const rows = entries.map((e) => [e.check, e.student, e.reason, e.approver, e.expires].map((s) => s.normalize('NFC')));
  return Buffer.from(JSON.stringify([WAIVER_FORMAT, rows]), 'utf8');
}

export interface InstructorKeys {
  publicKeyPem: string;
  privateKeyPem: string;
  keyId: string;
}

/** A new instructor key pair (PEM: SPKI public, PKCS#8 private). Keep the private key off student machines. */
export function generateInstructorKeys(): InstructorKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** Fingerprint of a public key: sha256 of its SPKI DER encoding, first 16 hex digits. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Returns the file with its waivers signed by the instructor's private key (any earlier signature replaced). */
export function signWaivers(entries: readonly WaiverEntry[], privateKeyPem: string): WaiverFile {
  const privateKey = readPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new UsageError('The waiver signing key must be an Ed25519 private key.');
  const value = sign(null, canonicalWaiverPayload(entries), privateKey).toString('base64');
  return {
    format: WAIVER_FORMAT,
    waivers: entries.map((e) => ({ ...e })),
    signature: { algorithm: 'ed25519', keyId: keyIdOf(createPublicKey(privateKey)), value },
  };
}

/** Why a file is not trusted: `reason` in English, `reasonKo` for Korean output. */
export type SignatureCheck = { trusted: true } | { trusted: false; reason: string; reasonKo: string };

/** Whether the file's signature verifies against the instructor's public key, and if not, why. */
export function verifyWaiverFile(file: WaiverFile, publicKeyPem: string): SignatureCheck {
  const publicKey = readPublicKey(publicKeyPem);
  if (!file.signature) return { trusted: false, reason: 'the waiver file is not signed', reasonKo: '면제 파일에 서명이 없습니다' };
  const expected = keyIdOf(publicKey);
  if (file.signature.keyId !== expected) {
    return {
      trusted: false,
      reason: `the waiver file is signed with another key (${file.signature.keyId}), not the instructor's (${expected})`,
      reasonKo: `면제 파일이 강사의 키(${expected})가 아닌 다른 키(${file.signature.keyId})로 서명되었습니다`,
    };
  }
  const signature = Buffer.from(file.signature.value, 'base64');
  let ok = false;
  try {
    ok = signature.length === 64 && verify(null, canonicalWaiverPayload(file.waivers), publicKey, signature);
  } catch {
    ok = false;
  }
  if (ok) return { trusted: true };
  return { trusted: false, reason: "the waiver file's signature does not verify (it was changed after signing)", reasonKo: '면제 파일의 서명이 확인되지 않습니다 (서명한 뒤에 바뀌었습니다)' };
}

/** Reads the instructor's public key file (PEM). */
export function loadPublicKey(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the instructor's public key ${file}: ${(error as Error).message.split('\n')[0]}.`, { cause: error });
  }
  readPublicKey(text, file);
  return text;
}

function readPublicKey(pem: string, source = 'the instructor public key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new UsageError(`${source} is not a PEM public key.`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${source} is not an Ed25519 key.`);
  return key;
}

function readPrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new UsageError('The waiver signing key is not a PEM private key.', { cause: error });
  }
}
