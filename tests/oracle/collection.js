'use strict';
// What the oracle reads from the collection JSON itself: its request items and the variables
// it uses without defining.

/// Every request item, depth first: `{ label, name, item }`, the label being the item's
/// position in the nested `item` arrays ("0.3.1"), the name its folder path.
function items(collection) {
  const out = [];
  const walk = (node, prefix, names) => {
    (Array.isArray(node.item) ? node.item : []).forEach((child, i) => {
      if (!child || typeof child !== 'object') return;
      const label = prefix === null ? `${i}` : `${prefix}.${i}`;
      const path = [...names, String(child.name ?? '')];
      if (Array.isArray(child.item)) walk(child, label, path);
      else out.push({ label, name: path.join(' / '), item: child });
    });
  };
  walk(collection, null, []);
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

module.exports = { items, variableValues };
