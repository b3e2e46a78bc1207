const { PSTFile } = require('pst-extractor');
console.error('open');
const p = new PSTFile(process.argv[2]);
console.error('opened');
const r = p.getRootFolder();
console.error('root', r.displayName);
const subs = r.getSubFolders();
console.error('subs', subs.map(s=>s.displayName));
for (const s of subs) { console.error(s.displayName, s.emailCount); for (const c of s.getSubFolders()) console.error(' ', c.displayName, c.emailCount); }
