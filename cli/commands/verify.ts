import type { Command } from 'commander';

// Placeholder until the owning issue lands: the command is not registered yet.
export function registerVerify(_program: Command): void {}
