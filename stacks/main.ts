// The CDK CLI's entry (cdk.json "app"): `npm run deploy` / `npm run destroy` run the CDK CLI,
// which runs this file with the deployment as context:
//   -c student=ID  [-c profile=lab|default|production]  [-c expiresAt=ISO-8601]
//   [-c workloadBundleDir=DIR]  [-c drillEndpoints=true]  [-c drillSourceCidr=CIDR]  [-c alarmEmail=ADDRESS]
// The nag gate is on: an unacknowledged finding stops the synth, so nothing is deployed.
import { App } from 'aws-cdk-lib';
import { HarnessError } from '../contract/errors';
import { buildReferenceApp } from './app';
import type { ProfileName } from './config';
import { buildWorkloadBundle } from './workload/bundle';

// A throwaway App only to read the context the CDK CLI passes (autoSynth off: it must not
// write an empty assembly at exit).
const context = new App({ autoSynth: false }).node;
const get = (key: string): string | undefined => {
  const value: unknown = context.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

try {
  const student = get('student');
  if (!student) throw new HarnessError('No student given: pass -c student=ID (npm run deploy -- --student ID does it for you).', 2);
  const workloadBundleDir = get('workloadBundleDir') ?? (await buildWorkloadBundle());
  const { app } = buildReferenceApp({
    student,
    ...(get('profile') ? { profile: get('profile') as ProfileName } : {}),
    ...(get('expiresAt') ? { expiresAt: get('expiresAt') } : {}),
    ...(get('alarmEmail') ? { alarmEmail: get('alarmEmail') } : {}),
    ...(get('account') ? { account: get('account') } : {}),
    drillEndpoints: get('drillEndpoints') === 'true',
    ...(get('drillSourceCidr') ? { drillSourceCidr: get('drillSourceCidr') } : {}),
    workloadBundleDir,
  });
  app.synth();
} catch (error) {
  if (!(error instanceof HarnessError)) throw error;
  process.stderr.write(`cloudmart: ${error.message}\n`);
  process.exit(error.exitCode);
}
