// The janitor's modes, shared by its stack (stacks/janitor/), its handler (cleanup/janitor/)
// and the deploy option (--janitor-mode): dry-run reports what has expired, delete deletes it.
export const JANITOR_MODES = ['dry-run', 'delete'] as const;
export type JanitorMode = (typeof JANITOR_MODES)[number];
export const DEFAULT_JANITOR_MODE: JanitorMode = 'dry-run';
