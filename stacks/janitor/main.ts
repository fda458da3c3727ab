// The CDK CLI's entry for the janitor (`npm run deploy -- --janitor` runs the CDK CLI with
// `--app "npx tsx stacks/janitor/main.ts"`; commands/janitor-deploy.ts), with context:
//   -c janitorBundleDir=DIR  (required: cleanup/janitor/bundle.ts builds it)
//   [-c janitorMode=dry-run|delete]  [-c janitorRateMinutes=N]  [-c janitorLang=ko|en]  [-c janitorEmail=ADDRESS]
// The nag gate is on: an unacknowledged finding stops the synth, so nothing is deployed.
import { App } from 'aws-cdk-lib';
import { HarnessError } from '../../contract/errors';
import { buildJanitorApp } from './app';
import { DEFAULT_JANITOR_MODE, JANITOR_MODES, type JanitorMode } from '../../contract/janitor';

const context = new App({ autoSynth: false }).node;
const get = (key: string): string | undefined => {
  const value: unknown = context.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

try {
  const bundleDir = get('janitorBundleDir');
  if (!bundleDir) throw new HarnessError('No janitor bundle given: pass -c janitorBundleDir=DIR (npm run deploy -- --janitor builds and passes it).', 2);
  const mode = get('janitorMode') ?? DEFAULT_JANITOR_MODE;
  if (!(JANITOR_MODES as readonly string[]).includes(mode)) throw new HarnessError(`Invalid janitorMode ${mode}: use dry-run or delete.`, 2);
  const rate = Number(get('janitorRateMinutes') ?? '15');
  if (!Number.isInteger(rate) || rate < 1) throw new HarnessError(`Invalid janitorRateMinutes ${get('janitorRateMinutes')}: use a whole number of minutes, at least 1.`, 2);
  const lang = get('janitorLang') === 'en' ? 'en' : 'ko';
  const email = get('janitorEmail');
  const { app } = buildJanitorApp({ bundleDir, mode: mode as JanitorMode, rateMinutes: rate, lang, ...(email ? { email } : {}) });
  app.synth();
} catch (error) {
  if (!(error instanceof HarnessError)) throw error;
  process.stderr.write(`cloudmart: ${error.message}\n`);
  process.exit(error.exitCode);
}
