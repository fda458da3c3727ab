// The cdk-nag packs the gate runs, as data: the reference app and `nag --template` use the
// same list. Add a pack here and both pick it up.
import { AwsSolutionsChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { CLOUDMART_PACK_NAME, CloudMartChecks } from './cloudmart-pack';

export interface PackEntry {
  /** The pack's plugin name, also the namespace of its acknowledgements (`AwsSolutions::...`). */
  readonly name: string;
  readonly create: (scope?: IConstruct) => NagPack;
}

export const NAG_PACKS: readonly PackEntry[] = [
  // verbose: the report's description then carries the rule's explanation as well.
  { name: 'AwsSolutions', create: (scope) => new AwsSolutionsChecks(scope, { verbose: true }) },
  // What AwsSolutions misses: a public database, a plaintext master password.
  { name: CLOUDMART_PACK_NAME, create: (scope) => new CloudMartChecks(scope, { verbose: true }) },
];
