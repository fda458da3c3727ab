#!/usr/bin/env node
// The `cloudmart` command. Runs the TypeScript CLI through tsx, so no build step is needed.
// The AWS SDK versions pinned in package-lock.json support Node 20; their notice about
// future versions needing Node 22 is noise for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// verify and grade run the checks as vitest suites. vitest's Node API loads several times
// faster before tsx's loader is registered (tsx would transform all of vitest's files), so
// those commands load it first; checks/run-check-suites.ts then finds it in the module cache.
if (['verify', 'grade'].includes(process.argv[2] ?? '')) await import('vitest/node');
const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
