// Each command's options, declared once: a declaration (flag, description, value kind,
// default) gives commander its options and help, and after parsing gives the command one
// typed, validated object, keyed by the names of the command's options type in commands/.
// An invalid value ends the command with one sentence in its language (UsageError, exit 2).
import { Option, type Command } from 'commander';
import { UsageError } from '../../contract/errors';
import { runAction } from '../run-command';
import type { ValueKind } from './values';

export interface OptionDeclaration<T> {
  readonly flags: string;
  readonly description: string;
  readonly kind: ValueKind<T>;
  readonly default?: string | boolean;
  readonly required?: boolean;
}

/** Options by the name the command takes them under; a nested record becomes a nested object. */
export interface Declaration {
  readonly [name: string]: OptionDeclaration<unknown> | Declaration;
}

/** The typed object a declaration parses into. */
export type OptionsOf<D> = { -readonly [K in keyof D]-?: D[K] extends OptionDeclaration<infer T> | undefined ? T : OptionsOf<NonNullable<D[K]>> };

/** An option whose value may be absent. */
export function option<T>(flags: string, description: string, kind: ValueKind<T>): OptionDeclaration<T>;
/** An option with a default, or one commander requires: its value is always there. */
export function option<T>(flags: string, description: string, kind: ValueKind<T>, presence: { default: string | boolean } | { required: true }): OptionDeclaration<Exclude<T, undefined>>;
export function option<T>(flags: string, description: string, kind: ValueKind<T>, presence: { default?: string | boolean; required?: true } = {}): OptionDeclaration<T> {
  return { flags, description, kind, ...presence };
}

/** What a declaration for the options type `T` may hold: only T's names, each with a value T accepts. */
type DeclarationFor<T> = {
  readonly [K in keyof T]?: OptionDeclaration<T[K] | undefined> | (NonNullable<T[K]> extends object ? DeclarationFor<NonNullable<T[K]>> : never);
};

/**
 * Declares the options of a command whose function takes `T` (its options type in commands/,
 * plus whatever only the CLI reads, such as --quiet): a name T does not have fails to compile.
 */
export function optionsFor<T>() {
  return <const D extends Declaration & DeclarationFor<T>>(declaration: D & Record<Exclude<keyof D, keyof T>, never>): D => declaration;
}

function isOption(entry: OptionDeclaration<unknown> | Declaration): entry is OptionDeclaration<unknown> {
  return typeof entry.flags === 'string' && 'kind' in entry;
}

function commanderOption(declared: OptionDeclaration<unknown>): Option {
  const made = new Option(declared.flags, declared.description);
  // Listed in the help; the value itself is checked by the kind, in the command's language.
  if (declared.kind.choices) made.argChoices = [...declared.kind.choices];
  if (declared.default !== undefined) made.default(declared.default);
  if (declared.required) made.makeOptionMandatory();
  return made;
}

/** Adds every option of the declaration (nested records included) to the command. */
export function addOptions(command: Command, declaration: Declaration): Command {
  for (const entry of Object.values(declaration)) {
    if (isOption(entry)) command.addOption(commanderOption(entry));
    else addOptions(command, entry);
  }
  return command;
}

/**
 * Commander's raw values (strings, booleans) as the typed object. Options that were not given
 * and have no default are left out, so the command's own defaults apply.
 */
export function parseOptions<D extends Declaration>(declaration: D, raw: Record<string, unknown>): OptionsOf<D> {
  const parsed: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(declaration)) {
    const value = isOption(entry) ? parseValue(entry, raw) : parseOptions(entry, raw);
    if (value !== undefined) parsed[name] = value;
  }
  return parsed as OptionsOf<D>;
}

function parseValue(declared: OptionDeclaration<unknown>, raw: Record<string, unknown>): unknown {
  const made = new Option(declared.flags);
  const given = raw[made.attributeName()];
  // A kind that defers to a command's own check (checkedBy) throws that check's sentence.
  const result = declared.kind.schema.safeParse(given);
  if (result.success) return result.data;
  const flag = made.long ?? declared.flags;
  const { must } = declared.kind;
  throw new UsageError({
    ko: `${flag} 은(는) ${must.ko} 합니다("${String(given)}"은(는) 안 됩니다).`,
    en: `${flag} must be ${must.en}, not "${String(given)}".`,
  });
}

/**
 * Declares the command's options and its action: the action gets the parsed options and the
 * positional arguments, and runs as every command runs (runAction: exit code, one sentence).
 */
export function withOptions<D extends Declaration>(
  command: Command,
  declaration: D,
  action: (options: OptionsOf<D>, args: (string | undefined)[]) => Promise<number | void>,
): Command {
  addOptions(command, declaration);
  return command.action((...received: unknown[]) => {
    // Commander passes the positional arguments, then the options, then the command.
    const self = received.at(-1) as Command;
    const args = received.slice(0, -2) as (string | undefined)[];
    return runAction(() => action(parseOptions(declaration, self.opts()), args));
  });
}
