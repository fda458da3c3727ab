import type { Command } from 'commander';
import type * as Waivers from '../../commands/waivers';
import { writeFilesAtomically } from '../files';
import { option, optionsFor, withOptions } from '../options/define';
import { text } from '../options/values';

const load = (): Promise<typeof Waivers> => import('../../commands/waivers');

const KEYGEN_OPTIONS = optionsFor<Parameters<typeof Waivers.keygenWaivers>[0]>()({
  dir: option('--dir <dir>', 'where to write the two PEM files', text(), { default: '.' }),
});

const SIGN_OPTIONS = optionsFor<Parameters<typeof Waivers.signWaiverFile>[0]>()({
  file: option('--file <waivers.yaml>', 'the waiver file (format cloudmart-waivers/v1)', text(), { required: true }),
  privateKey: option('--key <private.pem>', "the instructor's private key", text(), { required: true }),
  out: option('--out <file>', 'write the signed file here (default: in place)', text()),
});

const CHECK_OPTIONS = optionsFor<Parameters<typeof Waivers.checkWaiverFile>[0]>()({
  file: option('--file <waivers.yaml>', 'the waiver file', text(), { required: true }),
  publicKey: option('--key <public.pem>', "the instructor's public key", text(), { required: true }),
});

export function registerWaivers(program: Command): void {
  const waivers = program.command('waivers').description('instructor: the key pair and signature of a waiver file');
  const keygen = waivers.command('keygen').description('create an Ed25519 key pair (keep the private key off student machines; publish the public key)');
  withOptions(keygen, KEYGEN_OPTIONS, async (options) => {
    const { files, keyId } = (await load()).keygenWaivers(options);
    writeFilesAtomically(files);
    process.stdout.write(`key id ${keyId}\n${files.map((f) => `wrote ${f.path}`).join('\n')}\n`);
  });
  const sign = waivers.command('sign').description('sign the waivers of a file with the instructor private key');
  withOptions(sign, SIGN_OPTIONS, async (options) => {
    const { files, count } = (await load()).signWaiverFile(options);
    writeFilesAtomically(files);
    process.stdout.write(`signed ${count} waiver(s): ${files[0]!.path}\n`);
  });
  const check = waivers.command('check').description("tell whether a waiver file's signature verifies against the instructor public key");
  withOptions(check, CHECK_OPTIONS, async (options) => {
    const result = (await load()).checkWaiverFile(options);
    process.stdout.write(
      result.trusted ? `trusted: ${result.count} waiver(s) signed with the instructor's key\n` : `NOT trusted, every waiver in it will be ignored: ${result.reason}\n`,
    );
    return result.trusted ? 0 : 1;
  });
}
