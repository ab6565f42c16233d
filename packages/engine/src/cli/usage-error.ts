/** A command line the user got wrong: printed with the usage, exit code 2. */
export class UsageError extends Error {}
