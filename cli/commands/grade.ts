import type { Command } from 'commander';

// Placeholder until the owning issue lands: the command is not registered yet.
export function registerGrade(_program: Command): void {}
