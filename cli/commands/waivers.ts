import type { Command } from 'commander';
import type * as Waivers from '../../commands/waivers';
import { writeFilesAtomically } from '../files';
import { option, optionsFor, withOptions } from '../options/define';
import type { Language } from '../../contract/errors';
import { languageOptions } from '../options/groups';
import { text } from '../options/values';
import { wroteLine } from '../wrote';

const load = (): Promise<typeof Waivers> => import('../../commands/waivers');

const KEYGEN_OPTIONS = optionsFor<Parameters<typeof Waivers.keygenWaivers>[0] & { lang: Language }>()({
  dir: option('--dir <dir>', 'where to write the two PEM files', text(), { default: '.' }),
  ...languageOptions,
});

const SIGN_OPTIONS = optionsFor<Parameters<typeof Waivers.signWaiverFile>[0] & { lang: Language }>()({
  file: option('--file <waivers.yaml>', 'the waiver file (format cloudmart-waivers/v1)', text(), { required: true }),
  privateKey: option('--key <private.pem>', "the instructor's private key", text(), { required: true }),
  out: option('--out <file>', 'write the signed file here (default: in place)', text()),
  ...languageOptions,
});

const CHECK_OPTIONS = optionsFor<Parameters<typeof Waivers.checkWaiverFile>[0] & { lang: Language }>()({
  file: option('--file <waivers.yaml>', 'the waiver file', text(), { required: true }),
  publicKey: option('--key <public.pem>', "the instructor's public key", text(), { required: true }),
  ...languageOptions,
});

export function registerWaivers(program: Command): void {
  const waivers = program.command('waivers').description('instructor: the key pair and signature of a waiver file');
  const keygen = waivers.command('keygen').description('create an Ed25519 key pair (keep the private key off student machines; publish the public key)');
  withOptions(keygen, KEYGEN_OPTIONS, async ({ lang, ...options }) => {
    const { files, keyId } = (await load()).keygenWaivers(options);
    writeFilesAtomically(files);
    process.stdout.write(`${lang === 'ko' ? '키 ID' : 'key id'} ${keyId}\n${files.map((f) => wroteLine(f.path, lang)).join('\n')}\n`);
  });
  const sign = waivers.command('sign').description('sign the waivers of a file with the instructor private key');
  withOptions(sign, SIGN_OPTIONS, async ({ lang, ...options }) => {
    const { files, count } = (await load()).signWaiverFile(options);
    writeFilesAtomically(files);
    process.stdout.write(lang === 'ko' ? `면제 ${count}건에 서명함: ${files[0]!.path}\n` : `signed ${count} waiver(s): ${files[0]!.path}\n`);
  });
  const check = waivers.command('check').description("tell whether a waiver file's signature verifies against the instructor public key");
  withOptions(check, CHECK_OPTIONS, async ({ lang, ...options }) => {
    const result = (await load()).checkWaiverFile(options);
    const trusted = { ko: `신뢰함: 면제 ${result.count}건이 강사 키로 서명되어 있습니다\n`, en: `trusted: ${result.count} waiver(s) signed with the instructor's key\n` };
    const untrusted = { ko: `신뢰할 수 없음, 이 파일의 면제는 모두 무시됩니다: ${result.reasonKo}\n`, en: `NOT trusted, every waiver in it will be ignored: ${result.reason}\n` };
    process.stdout.write((result.trusted ? trusted : untrusted)[lang]);
    return result.trusted ? 0 : 1;
  });
}
