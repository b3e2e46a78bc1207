// A source with its lazily made finding lists (LazyList) made into arrays: plain data that
// toEqual and structuredClone compare by content.

import type { History, Source } from '../../src/report/types.js';

export function settled(s: Source): Source {
  return {
    ...s,
    histories: s.histories.map((h) => {
      const out: History = { ...h };
      if (h.unexplained) out.unexplained = [...h.unexplained];
      if (h.notInHistory) out.notInHistory = [...h.notInHistory];
      return out;
    }),
  };
}
