// The emulated deployments (sandbox/scenarios/) as the CloudShell package has them: none. They
// are built from the reference CDK stacks (aws-cdk-lib) and deployed into the local emulator,
// both left in the repository, so naming or creating one says the repository is needed. Only
// the functions the bundled commands import (grade and verify with --target local).
import type * as Scenarios from '../../sandbox/scenarios/index';
import { repositoryOnly } from './sentence';

export const assertScenarioName: typeof Scenarios.assertScenarioName = () => {
  throw repositoryOnly('local');
};

export const createScenario: typeof Scenarios.createScenario = () => Promise.reject(repositoryOnly('local'));
