// What the bundle gives yargs (and its help layout, cliui and wrap-ansi) in place of the
// string-width package (npm run build, esbuild --alias). string-width builds an Intl.Segmenter and
// Unicode property-of-strings expressions as it loads, a tenth of start-up, for every command; the
// help text is ASCII, and our table's own measure serves it.

import { displayWidth } from '../report/index.js';

export default function stringWidth(text: string): number {
  return displayWidth(text);
}
