#!/usr/bin/env node
// The `cloudmart` command. Runs the TypeScript CLI through tsx, so no build step is needed.
// The AWS SDK versions pinned in package-lock.json support Node 20; their notice about
// future versions needing Node 22 is noise for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
