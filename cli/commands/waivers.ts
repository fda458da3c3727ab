import type { Command } from 'commander';
import type * as Waivers from '../../commands/waivers';

const load = (): Promise<typeof Waivers> => import('../../commands/waivers');
import { writeFilesAtomically } from '../files';
import { runAction } from '../run-command';

export function registerWaivers(program: Command): void {
  const waivers = program.command('waivers').description("instructor: the key pair and signature of a waiver file");
  waivers
    .command('keygen')
    .description('create an Ed25519 key pair (keep the private key off student machines; publish the public key)')
    .option('--dir <dir>', 'where to write the two PEM files', '.')
    .action((flags: { dir: string }) =>
      runAction(async () => {
        const { files, keyId } = (await load()).keygenWaivers({ dir: flags.dir });
        writeFilesAtomically(files);
        process.stdout.write(`key id ${keyId}\n${files.map((f) => `wrote ${f.path}`).join('\n')}\n`);
      }),
    );
  waivers
    .command('sign')
    .description('sign the waivers of a file with the instructor private key')
    .requiredOption('--file <waivers.yaml>', 'the waiver file (format cloudmart-waivers/v1)')
    .requiredOption('--key <private.pem>', "the instructor's private key")
    .option('--out <file>', 'write the signed file here (default: in place)')
    .action((flags: { file: string; key: string; out?: string }) =>
      runAction(async () => {
        const { files, count } = (await load()).signWaiverFile({ file: flags.file, privateKey: flags.key, ...(flags.out ? { out: flags.out } : {}) });
        writeFilesAtomically(files);
        process.stdout.write(`signed ${count} waiver(s): ${files[0]!.path}\n`);
      }),
    );
  waivers
    .command('check')
    .description("tell whether a waiver file's signature verifies against the instructor public key")
    .requiredOption('--file <waivers.yaml>', 'the waiver file')
    .requiredOption('--key <public.pem>', "the instructor's public key")
    .action((flags: { file: string; key: string }) =>
      runAction(async () => {
        const result = (await load()).checkWaiverFile({ file: flags.file, publicKey: flags.key });
        process.stdout.write(
          result.trusted
            ? `trusted: ${result.count} waiver(s) signed with the instructor's key\n`
            : `NOT trusted, every waiver in it will be ignored: ${result.reason}\n`,
        );
        return result.trusted ? 0 : 1;
      }),
    );
}
