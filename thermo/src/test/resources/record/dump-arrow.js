// Independent reader for the cross-language test: prints every schema/field metadata entry and
// every cell of an Arrow IPC stream as tab-separated lines. Doubles are printed as the hex of
// their raw IEEE bits (read through a BigUint64Array view, never through a JS number, so NaN
// payloads survive); int64 as decimal; strings and metadata as hex of their UTF-8 bytes.
// Usage: node dump-arrow.js FILE NODE_MODULES_PARENT
'use strict';
const { readFileSync } = require('fs');
const arrow = require(require.resolve('apache-arrow', { paths: [process.argv[3]] }));
const table = arrow.tableFromIPC(readFileSync(process.argv[2]));
const hex = s => Buffer.from(s, 'utf8').toString('hex');
const bits = (values, i) => new BigUint64Array(values.buffer, values.byteOffset, values.length)[i].toString(16);
const out = [];
for (const [k, v] of table.schema.metadata) out.push(['meta', hex(k), hex(v)].join('\t'));
for (const f of table.schema.fields) {
  for (const [k, v] of f.metadata) out.push(['field', f.name, hex(k), hex(v)].join('\t'));
}
function cell(vec, data, r) {
  const t = data.type;
  if (arrow.DataType.isFloat(t)) return bits(data.values, data.offset + r);
  if (arrow.DataType.isInt(t)) return data.values[data.offset + r].toString();
  if (arrow.DataType.isUtf8(t)) return hex(vec.get(r));
  if (arrow.DataType.isList(t)) {
    const from = data.valueOffsets[data.offset + r], to = data.valueOffsets[data.offset + r + 1];
    const child = data.children[0];
    const items = [];
    for (let i = from; i < to; i++) items.push(bits(child.values, child.offset + i));
    return '[' + items.join(',') + ']';
  }
  throw new Error('unexpected type ' + t);
}
let b = 0;
for (const batch of table.batches) {
  for (const f of table.schema.fields) {
    const vec = batch.getChild(f.name);
    if (vec.data.length !== 1) throw new Error('expected one chunk per batch column');
    for (let r = 0; r < batch.numRows; r++) out.push(['value', b, f.name, r, cell(vec, vec.data[0], r)].join('\t'));
  }
  b++;
}
out.push(['batches', table.batches.length].join('\t'));
process.stdout.write(out.join('\n') + '\n');
