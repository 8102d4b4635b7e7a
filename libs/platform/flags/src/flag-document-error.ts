/**
 * A flag document (definitions or values) was refused. Each problem names the flag and the
 * attribute, e.g. `route-payments.mode: expected one of local|shadow|canary|remote, got "far"`.
 */
export class FlagDocumentError extends Error {
  override readonly name = 'FlagDocumentError';

  constructor(
    /** Where the document came from: a file, an AppConfig version, the agent. */
    readonly origin: string,
    readonly problems: readonly string[],
  ) {
    super(`Flag document from ${origin} rejected: ${problems.join('; ')}`);
  }
}
