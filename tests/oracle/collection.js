'use strict';
// What the oracle reads from the collection JSON itself: its request items and the variables
// it uses without defining.

/// Calls `visit(node, label, names)` for every folder and item below `collection`, depth first:
/// the label is the node's position in the nested `item` arrays ("0.3.1"), the names its folder
/// path.
function walk(collection, visit) {
  const down = (node, prefix, names) => {
    (Array.isArray(node.item) ? node.item : []).forEach((child, i) => {
      if (!child || typeof child !== 'object') return;
      const label = prefix === null ? `${i}` : `${prefix}.${i}`;
      const path = [...names, String(child.name ?? '')];
      visit(child, label, path);
      down(child, label, path);
    });
  };
  down(collection, null, []);
}

/// Every request item: `{ label, name, item }`, the name being its folder path.
function items(collection) {
  const out = [];
  walk(collection, (node, label, names) => {
    if (!Array.isArray(node.item)) out.push({ label, name: names.join(' / '), item: node });
  });
  return out;
}

/// Values for the variables the collection references but Postman's runner cannot resolve
/// (Postman's dynamic `$` variables aside): the values the conformance harness sets on the
/// client. Only enabled collection variables named by `key` resolve; folder and request
/// variables, and variables with an `id` alone, do not.
function variableValues(collection) {
  const defined = new Set();
  for (const v of Array.isArray(collection.variable) ? collection.variable : []) {
    if (v && typeof v.key === 'string' && !v.disabled && v.value !== null && v.value !== undefined) defined.add(v.key);
  }
  const values = {};
  const text = JSON.stringify({ ...collection, event: undefined });
  for (const match of text.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const name = match[1];
    if (!name.startsWith('$') && !defined.has(name)) values[name] = `conformance-${name.trim()}`;
  }
  return values;
}

module.exports = { items, variableValues, walk };
