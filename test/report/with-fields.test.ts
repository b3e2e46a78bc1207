// withFields is an object spread in all a report can see: the same keys, in the same order, with
// the same values (undefined ones included), so JSON and every renderer write the same bytes.

import { describe, expect, it } from 'vitest';
import { withFields } from '../../src/report/with-fields.js';

describe('withFields', () => {
  it('gives what { ...at, ...more } gives: keys, their order, values, JSON', () => {
    const at = { index: 3, uid: 'u3', time: '2024-01-01T00:00:00Z', folder: undefined as string | undefined, nested: { a: 1 } };
    const more = { ms: 5, folder: 'Inbox', kind: 'tag', subject: undefined };
    const spread = { ...at, ...more };
    const copy = withFields(at, more);
    expect(Object.keys(copy)).toEqual(Object.keys(spread));
    expect(copy).toEqual(spread);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(spread));
    expect(copy.nested).toBe(at.nested);
    expect(copy).not.toBe(at);
    expect(at.folder).toBeUndefined();
  });
});
