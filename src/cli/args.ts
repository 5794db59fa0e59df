import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export const PACK_OPTION = { pack: { type: 'string' } } as const satisfies Options;
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

interface NodeParseError {
  code?: string;
  message: string;
}

function quoted(message: string): string | undefined {
  return /'([^']+)'/.exec(message)?.[1];
}

/**
 * node:util parseArgs in strict mode, with its errors turned into one-line usage errors that
 * name the command. Positionals are always allowed here; each command checks their number.
 */
export function parse<T extends Options>(command: string, args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    const { code, message } = error as NodeParseError;
    const name = quoted(message);
    switch (code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`unknown option ${name ?? ''}`.trim(), command);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError(
          /argument missing/.test(message)
            ? `option ${name?.split(' ')[0] ?? ''} needs a value`
            : `option ${name?.split(' ')[0] ?? ''} does not take a value`,
          command,
        );
      default:
        throw new UsageError(message.split('\n')[0] ?? 'invalid arguments', command);
    }
  }
}

/** Exactly one positional argument, named in the error when it is missing or repeated. */
export function onePositional(command: string, positionals: readonly string[], name: string): string {
  if (positionals.length === 0) throw new UsageError(`missing ${name}`, command);
  if (positionals.length > 1)
    throw new UsageError(
      `expected one ${name}, got ${positionals.length}: ${positionals.join(' ')}`,
      command,
    );
  return positionals[0] as string;
}

export function noPositionals(command: string, positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, command);
}
