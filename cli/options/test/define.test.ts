// The option declarations: commander gets every option (nested groups included), and the
// parsed object holds typed values, leaves out what was not given, and rejects a bad value
// with one sentence in both languages (or the sentence of the command's own check).
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../contract/errors';
import { addOptions, option, parseOptions } from '../define';
import { checkedBy, flag, flagMeaning, mapped, number, oneOf, text } from '../values';

const DECLARATION = {
  target: option('--target <aws|local>', 'where', oneOf(['aws', 'local']), { default: 'aws' }),
  student: option('--student <id>', 'who', text()),
  options: {
    durationMs: option('--duration <seconds>', 'cap', mapped(number({ min: 1, max: 1800 }), (s) => s * 1000)),
    synchronous: option('--async-standby', 'async', flagMeaning(false)),
  },
  quiet: option('--quiet', 'quiet', flag()),
};

function parse(args: string[]) {
  const command = addOptions(new Command('x').exitOverride(), DECLARATION);
  command.parse(args, { from: 'user' });
  return parseOptions(DECLARATION, command.opts());
}

function sentence(run: () => unknown): { ko: string; en: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { ko: (error as UsageError).in('ko'), en: (error as UsageError).in('en') };
  }
  throw new Error('expected a UsageError');
}

describe('option declarations', () => {
  it('parse into the typed object, nested groups included, leaving out what was not given', () => {
    expect(parse([])).toEqual({ target: 'aws', options: {} });
    expect(parse(['--target', 'local', '--student', 'kim', '--duration', '90', '--async-standby', '--quiet'])).toEqual({
      target: 'local',
      student: 'kim',
      options: { durationMs: 90_000, synchronous: false },
      quiet: true,
    });
  });

  it('reject a bad value with one sentence, Korean and English, of one wording', () => {
    expect(sentence(() => parse(['--duration', 'fast']))).toEqual({
      ko: '--duration 은(는) 1부터 1800까지의 숫자여야 합니다("fast"은(는) 안 됩니다).',
      en: '--duration must be a number from 1 to 1800, not "fast".',
    });
    expect(sentence(() => parse(['--duration', ''])).en).toBe('--duration must be a number from 1 to 1800, not "".');
    expect(sentence(() => parse(['--target', 'cloud'])).en).toBe('--target must be aws or local, not "cloud".');
  });

  it("leave a value the command checks itself to that check's own sentence", () => {
    const own = new UsageError({ ko: '자체 문장.', en: 'Its own sentence.' });
    const declaration = { zone: option('--zone <z>', 'zone', checkedBy(() => { throw own; })) };
    const command = addOptions(new Command('x'), declaration);
    command.parse(['--zone', 'Mars'], { from: 'user' });
    expect(() => parseOptions(declaration, command.opts())).toThrow(own);
  });

  it('give commander the help: choices and defaults', () => {
    const help = addOptions(new Command('x'), DECLARATION).helpInformation();
    expect(help).toContain('(choices: "aws", "local", default: "aws")');
    for (const flagName of ['--student', '--duration', '--async-standby', '--quiet']) expect(help).toContain(flagName);
  });
});
