// The deployable asset: the bundle builds, runs with plain node (no tsx, no node_modules
// beside it), carries the licences of what it bundles, and install.sh installs and starts
// it. install.sh runs here in a staging root with stand-ins for systemctl, useradd,
// getent and chown (nothing is installed on this machine); the stand-in systemctl starts
// the unit's ExecStart with its EnvironmentFile and log file, so the rendered unit is what
// actually runs.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../sandbox/servers/ports';
import { buildWorkloadBundle, buildWorkloadBundleSync } from '../bundle';
import { DEFAULTS } from '../src/config';
import { call, spawnApi, TEST_DRILL_TOKEN, startBackends, WORKLOAD_DIR, type ApiProcess, type Backends } from './helpers';

let backends: Backends;
let work: string;
let bundleDir: string;
const started: ApiProcess[] = [];
const stagedPids: number[] = [];

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'cloudmart-bundle-test-'));
  [backends, bundleDir] = await Promise.all([startBackends(), buildWorkloadBundle(path.join(work, 'bundle'))]);
});
afterAll(async () => {
  for (const api of started) if (api.child.exitCode === null) api.child.kill('SIGKILL');
  for (const pid of stagedPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await backends?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** key=value pairs of one [Section] of a systemd unit. */
function unitSection(text: string, section: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1]!;
      continue;
    }
    if (current !== section) continue;
    const at = line.indexOf('=');
    keys.set(line.slice(0, at), [...(keys.get(line.slice(0, at)) ?? []), line.slice(at + 1)]);
  }
  return keys;
}

describe('the bundle', () => {
  it('holds the entry, the unit, install.sh, the notices and a manifest with checksums', () => {
    for (const file of ['server.mjs', 'server.mjs.map', 'install.sh', 'cloudmart-api.service', 'THIRD-PARTY-NOTICES.txt', 'manifest.json']) {
      expect(existsSync(path.join(bundleDir, file)), file).toBe(true);
    }
    expect(statSync(path.join(bundleDir, 'install.sh')).mode & 0o111).not.toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8'));
    expect(manifest.entry).toBe('server.mjs');
    expect(manifest.packages).toEqual(expect.arrayContaining([expect.stringMatching(/^fastify@/), expect.stringMatching(/^pg@/), expect.stringMatching(/^ioredis@/)]));
    expect(Object.keys(manifest.sha256)).toEqual(expect.arrayContaining(['server.mjs', 'install.sh']));
    const notices = readFileSync(path.join(bundleDir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/^fastify@\S+ {2}MIT$/m);
    expect(notices).toMatch(/^@aws-sdk\/client-secrets-manager@\S+ {2}Apache-2.0$/m);
    expect(notices).not.toMatch(/^\S+@\S+ {2}.*\bA?GPL/m);
  });

  it('builds the same server.mjs synchronously (for a CDK app constructing its assets)', () => {
    const syncDir = buildWorkloadBundleSync(path.join(work, 'bundle-sync'));
    expect(readFileSync(path.join(syncDir, 'server.mjs')).equals(readFileSync(path.join(bundleDir, 'server.mjs')))).toBe(true);
    expect(existsSync(path.join(syncDir, 'install.sh'))).toBe(true);
  });

  it('runs with plain node, without tsx or node_modules, and answers /healthz and the shop', async () => {
    const port = await freePort();
    const api = await spawnApi(
      { DATABASE_URL: backends.postgres.url, REDIS_URL: backends.redis.url, PORT: String(port), HOST: '127.0.0.1', DRILL_ENDPOINTS: 'on', DRILL_TOKEN: TEST_DRILL_TOKEN },
      path.join(bundleDir, 'server.mjs'),
    );
    started.push(api);
    expect(api.child.spawnargs).not.toContain('tsx');
    const base = `http://127.0.0.1:${port}`;
    expect((await call(base, 'GET', '/healthz')).json.status).toBe('ok');
    expect((await call(base, 'GET', '/products/2')).json.sku).toBe('CM-0002');
    expect((await call(base, 'GET', '/drill/burn?ms=5')).json).toEqual({ burnedMs: 5 });
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });
});

describe('the systemd unit', () => {
  const unit = readFileSync(path.join(WORKLOAD_DIR, 'cloudmart-api.service'), 'utf8');
  const service = unitSection(unit, 'Service');

  it('has the keys the instances rely on', () => {
    expect(service.get('EnvironmentFile')).toEqual(['@ENV_FILE@']);
    expect(service.get('ExecStart')).toEqual(['@NODE@ --enable-source-maps @APP_DIR@/server.mjs']);
    expect(service.get('Restart')).toEqual(['always']);
    expect(service.get('KillSignal')).toEqual(['SIGTERM']);
    expect(service.get('StandardOutput')).toEqual(['append:@LOG_FILE@']);
    expect(service.get('StandardError')).toEqual(['append:@LOG_FILE@']);
    expect(service.get('User')).toEqual(['@USER@']);
    expect(unitSection(unit, 'Install').get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('gives the graceful shutdown more time than SHUTDOWN_TIMEOUT_MS before SIGKILL', () => {
    expect(Number(service.get('TimeoutStopSec')![0])).toBeGreaterThan(DEFAULTS.shutdownTimeoutMs / 1000);
  });
});

describe('install.sh', () => {
  it('passes bash -n', () => {
    const result = spawnSync('bash', ['-n', path.join(WORKLOAD_DIR, 'install.sh')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  function stage(name: string, envLines: string[]) {
    const root = path.join(work, name);
    const stubs = path.join(work, `${name}-bin`);
    const stubLog = path.join(work, `${name}-calls.log`);
    mkdirSync(path.join(root, 'etc/cloudmart'), { recursive: true });
    mkdirSync(path.join(root, 'etc/logrotate.d'), { recursive: true });
    mkdirSync(stubs, { recursive: true });
    writeFileSync(path.join(root, 'etc/cloudmart/api.env'), envLines.join('\n') + '\n');
    const stub = (tool: string, body: string) => {
      writeFileSync(path.join(stubs, tool), `#!/usr/bin/env bash\necho "${tool} $*" >> "${stubLog}"\n${body}\n`);
      chmodSync(path.join(stubs, tool), 0o755);
    };
    stub('useradd', 'exit 0');
    stub('chown', 'exit 0');
    stub('getent', 'exit 2');
    stub(
      'systemctl',
      `[[ $1 == restart ]] || exit 0
unit="$INSTALL_ROOT/etc/systemd/system/$2.service"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
env_file=$(sed -n 's/^EnvironmentFile=//p' "$unit")
log_file=$(sed -n 's/^StandardOutput=append://p' "$unit")
exec_start=\${exec_start//\\/opt\\//$INSTALL_ROOT/opt/}
( set -a; . "$INSTALL_ROOT$env_file"; set +a; exec $exec_start >>"$INSTALL_ROOT$log_file" 2>&1 ) &
echo $! > "${path.join(work, `${name}.pid`)}"`,
    );
    const run = (timeoutSeconds: number) =>
      spawnSync('bash', [path.join(bundleDir, 'install.sh'), '/etc/cloudmart/api.env'], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', INSTALL_ROOT: root, PATH: `${stubs}:${process.env.PATH}`, CLOUDMART_HEALTH_TIMEOUT: String(timeoutSeconds) },
        timeout: 60_000,
      });
    const pid = () => {
      const file = path.join(work, `${name}.pid`);
      return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
    };
    return { root, stubLog, run, pid };
  }

  it('installs the API, renders the unit, starts it and waits for /healthz', async () => {
    const port = await freePort();
    const staged = stage('ok', [`PORT=${port}`, 'HOST=127.0.0.1', `DATABASE_URL=${backends.postgres.url}`, `REDIS_URL=${backends.redis.url}`, 'AWS_REGION=ap-northeast-2']);
    const result = staged.run(60);
    if (staged.pid()) stagedPids.push(staged.pid()!);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`cloudmart-api is healthy at http://127.0.0.1:${port}/healthz`));

    // Buffer.equals: vitest's deep equality walks 4 MB byte by byte.
    expect(readFileSync(path.join(staged.root, 'opt/cloudmart-api/server.mjs')).equals(readFileSync(path.join(bundleDir, 'server.mjs')))).toBe(true);
    const unit = readFileSync(path.join(staged.root, 'etc/systemd/system/cloudmart-api.service'), 'utf8');
    expect(unit).not.toMatch(/@[A-Z_]+@/);
    const service = unitSection(unit, 'Service');
    expect(service.get('ExecStart')).toEqual([`${process.execPath} --enable-source-maps /opt/cloudmart-api/server.mjs`]);
    expect(service.get('EnvironmentFile')).toEqual(['/etc/cloudmart/api.env']);
    expect(service.get('StandardOutput')).toEqual(['append:/var/log/cloudmart/api.log']);
    expect(service.get('User')).toEqual(['cloudmart']);
    expect(statSync(path.join(staged.root, 'etc/cloudmart/api.env')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(staged.root, 'etc/logrotate.d/cloudmart-api'), 'utf8')).toMatch(/\/var\/log\/cloudmart\/api\.log \{[\s\S]*copytruncate/);

    const calls = readFileSync(staged.stubLog, 'utf8');
    expect(calls).toMatch(/^useradd --system .* cloudmart$/m);
    expect(calls).toMatch(/^chown cloudmart:cloudmart /m);
    expect(calls).toMatch(/^systemctl daemon-reload$/m);
    expect(calls).toMatch(/^systemctl enable cloudmart-api$/m);
    expect(calls).toMatch(/^systemctl restart cloudmart-api$/m);

    // The service logs JSON lines to the file the CloudWatch agent ships.
    const log = readFileSync(path.join(staged.root, 'var/log/cloudmart/api.log'), 'utf8');
    expect(log.split('\n').filter(Boolean).map((line) => JSON.parse(line).msg)).toContain('CloudMart API listening');
    expect((await call(`http://127.0.0.1:${port}`, 'GET', '/products/1')).status).toBe(200);
  });

  it('fails with the last log lines when the API does not come up', () => {
    const staged = stage('broken', ['PORT=1', 'REDIS_URL=redis://127.0.0.1:1']); // no database configured
    const result = staged.run(3);
    if (staged.pid()) stagedPids.push(staged.pid()!);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cloudmart-api did not answer http:\/\/127\.0\.0\.1:1\/healthz within 3s/);
    expect(result.stderr).toMatch(/No database configured/);
  });

  it('refuses to run without its environment file', () => {
    const staged = stage('no-env', []);
    rmSync(path.join(staged.root, 'etc/cloudmart/api.env'));
    const result = staged.run(3);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/environment file .*api\.env does not exist/);
  });
});
