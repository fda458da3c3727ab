// What the CloudShell package says when asked for something only the repository can do: the
// AWS CDK (synth, nag, deploy, destroy, verify --template) and the local emulator and servers
// (--target local, emulator, api) are not in the package, by design (size, see issue 16).
import { UsageError } from '../../contract/errors';
import { text } from '../../contract/text';

const NEEDS = {
  cdk: {
    what: text('synth, nag, deploy, destroy 는 AWS CDK가 필요하므로', 'synth, nag, deploy and destroy need the AWS CDK, so they run'),
    example: 'npm run synth',
  },
  template: {
    what: text('verify --template 은 cdk-nag(AWS CDK)가 필요하므로', 'verify --template needs cdk-nag (the AWS CDK), so it runs'),
    example: 'npm run verify -- --student <ID> --template <file>',
  },
  local: {
    what: text('로컬 에뮬레이터와 로컬 서버(--target local, emulator, api)는', 'the local emulator and servers (--target local, emulator, api) run'),
    example: 'npm run verify -- --target local',
  },
} as const;

export type RepositoryOnly = keyof typeof NEEDS;

/** The one sentence (a usage error, exit 2) for a feature the package leaves in the repository. */
export function repositoryOnly(feature: RepositoryOnly): UsageError {
  const { what, example } = NEEDS[feature];
  return new UsageError({
    ko: `${what.ko} 이 패키지가 아니라 저장소에서만 실행됩니다: 저장소를 클론하고 npm ci 를 실행한 뒤 ${example} 처럼 실행하세요.`,
    en: `${what.en} only from the repository, not from this package: clone it, run npm ci, then e.g. ${example}.`,
  });
}
