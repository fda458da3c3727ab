// What every CloudMart stack shares: its name (CloudMart-<student>-<Tier>), region and
// account, the deployment's cleanup tags on the stack (CloudFormation copies them to every
// resource that supports tags) and on every taggable resource of the template.
import { Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { stackNames, type DeploymentConfig, type StackSuffix } from '../config';
import { PROFILE_SETTINGS, type ProfileSettings } from '../profiles';
import { deploymentTags } from '../tags';

export class CloudMartStack extends Stack {
  readonly config: DeploymentConfig;
  readonly profile: ProfileSettings;

  constructor(scope: Construct, suffix: StackSuffix, config: DeploymentConfig, description: string, props: StackProps = {}) {
    const tags = deploymentTags(config);
    super(scope, stackNames(config.student)[suffix], {
      ...props,
      stackName: stackNames(config.student)[suffix],
      description: `CloudMart ${config.student} (${config.profile}): ${description}`,
      env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
      tags: { ...tags },
      analyticsReporting: false,
    });
    this.config = config;
    this.profile = PROFILE_SETTINGS[config.profile];
    for (const [key, value] of Object.entries(tags)) Tags.of(this).add(key, value);
  }
}
