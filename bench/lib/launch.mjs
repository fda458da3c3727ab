// Starts a bench child process the way bin/cloudmart.js starts `verify` and `grade`: vitest's
// Node API is loaded BEFORE tsx's loader is registered (it loads several times faster so),
// then the TypeScript module named by argv[2] runs with the rest of the arguments.
//   node bench/lib/launch.mjs <file.ts> --child <mode> ...
// BENCH_PRELOAD_VITEST=0 registers tsx first instead; BENCH_TSX_PRELOADED=1 says tsx is
// already loaded with `node --import tsx` (as the `tsx` command does: worker threads inherit
// it) and must not be registered twice.
// The times of these start-up steps are left in globalThis.benchBoot for the child to report.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Milliseconds since the process started (performance's time origin): Node's own boot.
const nodeBootMs = performance.now();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const preloadVitest = process.env.BENCH_PRELOAD_VITEST !== '0';
let vitestImportMs = 0;
if (preloadVitest) {
  const started = performance.now();
  await import('vitest/node');
  vitestImportMs = performance.now() - started;
}
const tsxStarted = performance.now();
if (process.env.BENCH_TSX_PRELOADED !== '1') {
  const { register } = await import('tsx/esm/api');
  register();
}
const tsxRegisterMs = performance.now() - tsxStarted;
globalThis.benchBoot = { nodeBootMs, preloadVitest, vitestImportMs, tsxRegisterMs, readyMs: performance.now() };

const file = path.resolve(process.argv[2]);
// The child sees itself as argv[1], like a script started directly.
process.argv.splice(1, 2, file);
await import(pathToFileURL(file).href);
