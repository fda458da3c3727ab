// The reference CloudMart app: six stacks composed from the tiers, the cdk-nag gate on all
// of them. One builder serves `npm run synth`, the CDK CLI (stacks/main.ts), the tests, the
// benchmark and the scenario that rebuilds a `reference` deployment in the emulator.
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { parseDeploymentConfig, type DeploymentConfig, type DeploymentInput } from './config';
import { AppStack } from './deployment/app-stack';
import { BackupStack } from './deployment/backup-stack';
import type { CloudMartStack } from './deployment/base-stack';
import { DataStack } from './deployment/data-stack';
import { FrontendStack } from './deployment/frontend-stack';
import { NetworkStack } from './deployment/network-stack';
import { ObservabilityStack } from './deployment/observability-stack';
import { FEATURE_FLAGS } from './feature-flags';
import { addNagGate } from './nag/gate';
import type { CloudFormationTemplate } from './template';

export type { CloudFormationTemplate } from './template';

export interface ReferenceAppOptions extends DeploymentInput {
  /** Run the cdk-nag packs at synth (default true). */
  readonly nag?: boolean;
  /** aws-cdk-lib's built-in CloudFormation schema validation (default true; ~4 s and ~300 MB per synth). */
  readonly builtinValidation?: boolean;
  /**
   * Throw `ValidationFailed` at synth when a validation plugin reports an unacknowledged
   * finding (default true, as the CDK CLI expects). `false`: synth completes and the caller
   * reads validation-report.json (how `npm run synth` prints its own summary).
   */
  readonly throwOnFindings?: boolean;
  /** Cloud assembly directory; default: the CDK CLI's CDK_OUTDIR, else a temporary directory. */
  readonly outdir?: string;
  /** Extra context (the CDK CLI's context arrives through the environment). */
  readonly context?: Record<string, unknown>;
}

export interface ReferenceStacks {
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly app: AppStack;
  readonly frontend: FrontendStack;
  readonly observability: ObservabilityStack;
  readonly backup: BackupStack;
}

export interface ReferenceApp {
  readonly app: App;
  readonly config: DeploymentConfig;
  readonly stacks: ReferenceStacks;
  /** The stacks in deployment order. */
  readonly stackList: readonly CloudMartStack[];
}

export function buildReferenceApp(options: ReferenceAppOptions): ReferenceApp {
  const config = parseDeploymentConfig(options);
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    analyticsReporting: false,
    builtinCloudFormationValidation: options.builtinValidation ?? true,
    context: {
      ...FEATURE_FLAGS,
      ...(options.throwOnFindings === false ? { '@aws-cdk/core:failSynthOnValidationErrors': false } : {}),
      ...options.context,
    },
  });
  const network = new NetworkStack(app, config);
  const data = new DataStack(app, config, network);
  const appStack = new AppStack(app, config, network, data);
  const frontend = new FrontendStack(app, config);
  const observability = new ObservabilityStack(app, config, appStack, data);
  const backup = new BackupStack(app, config, data);
  if (options.nag ?? true) addNagGate(app);
  const stacks: ReferenceStacks = { network, data, app: appStack, frontend, observability, backup };
  return { app, config, stacks, stackList: [network, data, appStack, frontend, observability, backup] };
}

/** Synthesizes the app (once; later calls reuse the assembly) and returns each stack's template by stack name. */
export function synthesizeTemplates(app: App): Record<string, CloudFormationTemplate> {
  return templatesOf(app.synth());
}

export function templatesOf(assembly: CloudAssembly): Record<string, CloudFormationTemplate> {
  return Object.fromEntries(assembly.stacks.map((stack) => [stack.stackName, stack.template as CloudFormationTemplate]));
}
