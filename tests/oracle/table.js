'use strict';
// Prints the oracle's summary lines (one JSON object per collection) as a Markdown table, and
// exits 1 when a collection named in the held list (one file name per line) differs, or when
// a collection could not be generated or its conformance suite failed.
//
//   node table.js SUMMARY.jsonl [HELD.txt]
const fs = require('fs');

const held = new Set(
  process.argv[3] && fs.existsSync(process.argv[3])
    ? fs
        .readFileSync(process.argv[3], 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [],
);

const rows = fs
  .readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
console.log('| collection | requests | identical to newman | allowlisted | differing |');
console.log('|---|---:|---:|---:|---:|');
const slipped = [];
const total = { requests: 0, identical: 0, allowed: 0, differing: 0 };
for (const r of rows) {
  const note = r.error ? ` (${r.error})` : '';
  console.log(`| ${r.collection}${note} | ${r.requests} | ${r.identical} | ${r.allowed} | ${r.differing} |`);
  for (const k of Object.keys(total)) total[k] += r[k];
  if (r.error || (held.has(r.collection) && r.differing > 0)) slipped.push(r.collection);
}
console.log(`| **all ${rows.length}** | ${total.requests} | ${total.identical} | ${total.allowed} | ${total.differing} |`);
if (slipped.length) {
  console.error(`failing, or held to newman but differing now: ${slipped.join(', ')}`);
  process.exit(1);
}
