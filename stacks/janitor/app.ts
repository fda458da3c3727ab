// The janitor's CDK app: the janitor stack with the same cdk-nag gate as the reference app
// (stacks/nag/gate.ts). stacks/janitor/main.ts runs it for the CDK CLI; the tests synthesize it.
import { App } from 'aws-cdk-lib';
import { REGION } from '../config';
import { FEATURE_FLAGS } from '../feature-flags';
import { addNagGate } from '../nag/gate';
import { JanitorStack, type JanitorStackProps } from './janitor-stack';

export interface JanitorAppOptions extends Omit<JanitorStackProps, 'env'> {
  /** Cloud assembly directory; default: the CDK CLI's CDK_OUTDIR, else a temporary directory. */
  readonly outdir?: string;
  /** Throw at synth on an unacknowledged finding (default true, as the CDK CLI expects). */
  readonly throwOnFindings?: boolean;
  readonly account?: string;
}

export function buildJanitorApp(options: JanitorAppOptions): { app: App; stack: JanitorStack } {
  const { outdir, throwOnFindings, account, ...props } = options;
  const app = new App({
    ...(outdir ? { outdir } : {}),
    analyticsReporting: false,
    context: { ...FEATURE_FLAGS, ...(throwOnFindings === false ? { '@aws-cdk/core:failSynthOnValidationErrors': false } : {}) },
  });
  const stack = new JanitorStack(app, 'Janitor', { ...props, env: { region: REGION, ...(account ? { account } : {}) } });
  addNagGate(app);
  return { app, stack };
}
