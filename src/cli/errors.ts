/** Wrong use of the command line: the message is shown with a hint, and the exit code is 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    /** The command whose --help to suggest, or undefined for the top level. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can act on (a bad pack, a missing file): message only, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
