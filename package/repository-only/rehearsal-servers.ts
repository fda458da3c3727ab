// The local rehearsal's servers as the CloudShell package has them: everything of
// load/local/rehearsal-servers.ts, except that starting the throwaway PostgreSQL and Redis
// (`drill --target local`) says the repository is needed: the package has neither the servers
// nor the CloudMart API (stacks/workload) the rehearsal runs.
import type * as RehearsalServers from '../../load/local/rehearsal-servers';
import { repositoryOnly } from './sentence';

export * from '../../load/local/rehearsal-servers';

export const sandboxRehearsalServers: typeof RehearsalServers.sandboxRehearsalServers = () => {
  throw repositoryOnly('local');
};
