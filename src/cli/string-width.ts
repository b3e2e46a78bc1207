// What the bundle gives yargs (and its help layout, cliui and wrap-ansi) in place of the
// string-width package (npm run build, esbuild --alias). Its three copies build Intl.Segmenters and
// Unicode property-of-strings expressions as they load, about 10 ms of every run, whatever the
// command; the help text is ASCII, and our table's own measure serves it.

import { displayWidth } from '../report/index.js';

export default function stringWidth(text: string): number {
  return displayWidth(text);
}
