// The cdk-nag gate: every pack of NAG_PACKS runs on every stack of the app as an
// aws-cdk-lib validation plugin, at synth time.
import { Validations, type App } from 'aws-cdk-lib';
import { NAG_PACKS } from './packs';

export function addNagGate(app: App): void {
  Validations.of(app).addPlugins(...NAG_PACKS.map((pack) => pack.create(app)));
}
