// The kinds of option value: each parses commander's raw value (a string, true, or undefined
// when the option was not given) with zod, and says what the value must be, for the one
// sentence of cli/options/define.ts ("--rate must be a number from 1 to 1000, not "fast".").
import { z } from 'zod';
import type { Bilingual } from '../../contract/report';

export interface ValueKind<T> {
  readonly schema: z.ZodType<T, unknown>;
  /** What the value must be: the Korean ends with its copula (…여야 / …이어야). */
  readonly must: Bilingual;
  /** The values the help lists. */
  readonly choices?: readonly string[];
}

/** Any text; an empty value counts as not given. */
export function text(): ValueKind<string | undefined> {
  return { schema: z.string().optional().transform((value) => (value === '' ? undefined : value)), must: { ko: '글자여야', en: 'text' } };
}

/** A switch: true when given (false for a --no-… option that was given). */
export function flag(): ValueKind<boolean | undefined> {
  return { schema: z.boolean().optional(), must: { ko: '값 없이 쓰여야', en: 'given without a value' } };
}

/** A switch that, when given, sets its option to `value` (e.g. --async-standby: synchronous false). */
export function flagMeaning<const V>(value: V): ValueKind<V | undefined> {
  return { schema: z.boolean().optional().transform((given) => (given ? value : undefined)), must: flag().must };
}

/** One of a few names. */
export function oneOf<const C extends readonly [string, ...string[]]>(choices: C): ValueKind<C[number] | undefined> {
  const two = choices.length === 2;
  return {
    schema: z.enum(choices).optional(),
    must: two ? { ko: `${choices[0]} 또는 ${choices[1]} 중 하나여야`, en: `${choices[0]} or ${choices[1]}` } : { ko: `${choices.join(', ')} 중 하나여야`, en: `one of ${choices.join(', ')}` },
    choices,
  };
}

interface NumberRange {
  /** Smallest value allowed (inclusive). */
  min?: number;
  /** Values must be greater than this. */
  above?: number;
  max?: number;
  whole?: boolean;
}

/** A number in a range; an empty value or text is never taken for 0. */
export function number(range: NumberRange): ValueKind<number | undefined> {
  const { min, above, max, whole = false } = range;
  const noun = whole ? { ko: '정수', en: 'whole number' } : { ko: '숫자', en: 'number' };
  const must =
    min !== undefined && max !== undefined
      ? { ko: `${min}부터 ${max}까지의 ${noun.ko}여야`, en: `a ${noun.en} from ${min} to ${max}` }
      : above !== undefined
        ? { ko: `${above}보다 큰 ${noun.ko}여야`, en: `a ${noun.en} greater than ${above}` }
        : { ko: `${min ?? 0} 이상의 ${noun.ko}여야`, en: `a ${noun.en} of at least ${min ?? 0}` };
  const inRange = (n: number) =>
    Number.isFinite(n) && (!whole || Number.isInteger(n)) && (min === undefined || n >= min) && (max === undefined || n <= max) && (above === undefined || n > above);
  return {
    schema: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const n = value.trim() === '' ? Number.NaN : Number(value);
        if (!inRange(n)) {
          ctx.addIssue({ code: 'custom', message: must.en });
          return z.NEVER;
        }
        return n;
      }),
    must,
  };
}

/** A given value in the unit or shape the command takes (seconds to milliseconds, a percent to a fraction). */
export function mapped<T, U>(kind: ValueKind<T | undefined>, to: (value: T) => U): ValueKind<U | undefined> {
  return { ...kind, schema: kind.schema.transform((value) => (value === undefined ? undefined : to(value))) };
}

/**
 * A value a command checks itself (a time zone, a --format list, --concurrency): the CLI calls
 * that one check, so the sentence is the command's own. `check` gets undefined when the option was not given.
 */
export function checkedBy<T>(check: (value: string | undefined) => T): ValueKind<T> {
  // `must` is never said: the check throws its own sentence.
  return { schema: z.string().optional().transform((value) => check(value)), must: { ko: '올바른 값이어야', en: 'a valid value' } };
}
