// A failure the user can act on: printed as one line, never with a stack trace.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The one wording for an input the system would not let us read, e.g. `cannot read x.pst: ENOENT`. */
export function cannotRead(what: string, reason: string): UsageError {
  return new UsageError(`cannot read ${what}: ${reason}`);
}
