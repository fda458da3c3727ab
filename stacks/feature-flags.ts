// Feature flags of the reference app. A programmatic `new App()` does not read cdk.json,
// so the app passes its flags itself, and cdk.json holds none (one source).
// Base: the flags `cdk init` writes for the pinned aws-cdk-lib version, so the templates
// are what a fresh CDK project of this version would produce. Then our explicit choices.
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';

export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = Object.freeze({
  ...CURRENTLY_RECOMMENDED_FLAGS,
  // Classic Export/Fn::ImportValue between our stacks: CloudFormation then refuses to
  // delete a stack another one still uses, and every tool understands the templates.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
  // We add the cleanup tags to every stack explicitly (CloudFormation copies stack tags to
  // every resource that supports tags, including ones no L1 construct tags) and to every
  // taggable resource with Tags.of(), so the templates show them too.
  '@aws-cdk/core:explicitStackTags': true,
});
