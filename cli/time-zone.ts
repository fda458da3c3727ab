// The --time-zone option of the commands that write reports (verify, grade, drill): one
// declaration, so the three say the same thing and default to the same zone. The zone is
// checked by the command (assertTimeZone) before it reads or changes anything.
import { Option } from 'commander';
import { DEFAULT_TIME_ZONE } from '../reports/render/time';

export function timeZoneOption(): Option {
  return new Option('--time-zone <zone>', 'IANA time zone of the times in the report').default(DEFAULT_TIME_ZONE);
}
