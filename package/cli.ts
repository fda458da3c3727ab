// The entry of the CloudShell package's bundle (package/build.ts): the repository's CLI,
// cli/main.ts, as it is. What differs in the package is decided at build time (the checks run
// in-process, the CDK and the emulator are left out with one sentence), not here.
// The pinned AWS SDK supports Node 20; its notice about later versions is noise (bin/cloudmart.js sets the same).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import('../cli/main');

export {};
