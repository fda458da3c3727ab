// The --lang option of the commands that print text for students: ko (the default) or en.
// Commander rejects any other value with exit 2 before the command runs.
import { Option } from 'commander';

export function languageOption(): Option {
  return new Option('--lang <ko|en>', 'language of the output and error sentences').choices(['ko', 'en']).default('ko');
}
