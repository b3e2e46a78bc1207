// The typed error a call must end in.

import { PstFormatError } from '../../src/pst/file/errors.js';

export function typedError(fn: () => unknown): PstFormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PstFormatError) return e;
    throw e;
  }
  throw new Error('expected a PstFormatError');
}
