'use strict';
// Prints the oracle's summary lines (one JSON object per collection) as a Markdown table.
const fs = require('fs');

const rows = fs
  .readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
console.log('| collection | requests | identical to newman | allowlisted | differing |');
console.log('|---|---:|---:|---:|---:|');
const total = { requests: 0, identical: 0, allowed: 0, differing: 0 };
for (const r of rows) {
  const note = r.error ? ` (${r.error})` : '';
  console.log(`| ${r.collection}${note} | ${r.requests} | ${r.identical} | ${r.allowed} | ${r.differing} |`);
  for (const k of Object.keys(total)) total[k] += r[k];
}
console.log(`| **all ${rows.length}** | ${total.requests} | ${total.identical} | ${total.allowed} | ${total.differing} |`);
