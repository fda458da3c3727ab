// Region names are checked before any call, so a typo gets a usage error (exit 2)
// instead of a network timeout.
import { UsageError } from '../../contract/errors';

export const DEFAULT_REGION = 'ap-northeast-2';

// aws, aws-cn, aws-us-gov, aws-iso...: two letters, one or more words, a number.
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function assertRegionName(region: string): void {
  if (!REGION_NAME.test(region)) {
    throw new UsageError({
      ko: `"${region}"은(는) AWS 리전 이름이 아닙니다(예: ${DEFAULT_REGION}). 배포한 리전을 --region 으로 주세요.`,
      en: `"${region}" is not an AWS region name (they look like ${DEFAULT_REGION}); pass --region with the region you deployed to.`,
    });
  }
}
