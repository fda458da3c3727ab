// The local emulator as the CloudShell package has it: everything of
// sandbox/emulator/emulator.ts (its constants and credentials name the emulated account in
// option help), except that starting or installing it says the repository is needed. The
// emulator is a Python venv beside the repository's sources; the package has neither.
import type * as Emulator from '../../sandbox/emulator/emulator';
import { repositoryOnly } from './sentence';

export * from '../../sandbox/emulator/emulator';

export const installEmulator: typeof Emulator.installEmulator = () => {
  throw repositoryOnly('local');
};

export const startEmulator: typeof Emulator.startEmulator = () => Promise.reject(repositoryOnly('local'));
