'use strict';
// The comparator: every difference between the request newman sent for an item and the one the
// generated client sent, as one line each.

/// Headers every HTTP client sets its own way; compared only when the item sets them.
const TRANSPORT = new Set([
  'host',
  'user-agent',
  'postman-token',
  'accept-encoding',
  'connection',
  'content-length',
  'cache-control',
  'transfer-encoding',
]);

function show(value, limit = 160) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > limit ? `${JSON.stringify(text.slice(0, limit))}...(${text.length} chars)` : JSON.stringify(text);
}

/// Lower-cased header name to the values in order.
function headers(record) {
  const map = new Map();
  for (let i = 0; i + 1 < record.rawHeaders.length; i += 2) {
    const name = record.rawHeaders[i].toLowerCase();
    map.set(name, [...(map.get(name) || []), record.rawHeaders[i + 1]]);
  }
  return map;
}

function splitUrl(url) {
  const q = url.indexOf('?');
  return q < 0 ? [url, null] : [url.slice(0, q), url.slice(q + 1)];
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/// Query pairs, percent-decoded (a `+` stays a `+`: Postman writes spaces as `%20`).
function queryPairs(query) {
  if (query === null) return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [decode(pair)] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
  });
}

function mediaType(map) {
  return ((map.get('content-type') || [''])[0].split(';')[0] || '').trim().toLowerCase();
}

/// `[name, filename, content type, content]` of each part of a multipart body.
function multipartParts(map, body) {
  const type = (map.get('content-type') || [''])[0];
  const m = type.match(/boundary=("?)([^";]+)\1/);
  if (!m) return null;
  const text = body.toString('latin1');
  return text
    .split(`--${m[2]}`)
    .slice(1, -1)
    .map((part) => {
      const cut = part.indexOf('\r\n\r\n');
      const head = part.slice(0, cut);
      const content = part.slice(cut + 4).replace(/\r\n$/, '');
      const name = (head.match(/name="([^"]*)"/) || [])[1];
      const filename = (head.match(/filename="([^"]*)"/) || [])[1];
      const ctype = (head.match(/content-type:\s*([^\r\n]*)/i) || [])[1];
      return [name, filename ?? null, ctype ?? null, Buffer.from(content, 'latin1').toString('utf8')];
    });
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function bodyDiffs(n, c, nh, ch) {
  if (n.body.equals(c.body)) return [];
  const media = mediaType(nh) || mediaType(ch);
  if (media === 'multipart/form-data') {
    const np = multipartParts(nh, n.body);
    const cp = multipartParts(ch, c.body);
    if (np && cp && sameJson(np, cp)) return [];
    return [`multipart parts: newman ${show(np, 400)}, client ${show(cp, 400)}`];
  }
  const nt = n.body.toString('utf8');
  const ct = c.body.toString('utf8');
  if (media === 'application/x-www-form-urlencoded') {
    const same = sameJson(queryPairs(nt), queryPairs(ct));
    return [`form body${same ? ' (same pairs, other bytes)' : ''}: newman ${show(nt)}, client ${show(ct)}`];
  }
  try {
    if (sameJson(JSON.parse(nt), JSON.parse(ct))) {
      return [`body: same JSON value, other bytes: newman ${show(nt, 80)}, client ${show(ct, 80)}`];
    }
  } catch {
    // not JSON on both sides: compared as bytes
  }
  return [`body: newman ${show(nt)}, client ${show(ct)}`, firstDifference(nt, ct)];
}

/// Where two texts first differ, with a little of each from there.
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const from = Math.max(0, i - 20);
  return `  first difference at character ${i}: newman ${show(a.slice(from, i + 40))}, client ${show(b.slice(from, i + 40))}`;
}

/// An origin compared: lower case, without the scheme's default port.
function origin(text) {
  return text.toLowerCase().replace(/^(http:\/\/[^/]*):80$/, '$1').replace(/^(https:\/\/[^/]*):443$/, '$1');
}

function urlDiffs(n, c) {
  const out = [];
  if (origin(n.origin) !== origin(c.origin)) out.push(`origin: newman ${n.origin}, client ${c.origin}`);
  const [np, nq] = splitUrl(n.url);
  const [cp, cq] = splitUrl(c.url);
  if (np !== cp) {
    const decoded = np.split('/').map(decode).join('/') === cp.split('/').map(decode).join('/');
    out.push(`path${decoded ? ' (same decoded)' : ''}: newman ${show(np)}, client ${show(cp)}`);
  }
  if (nq !== cq) {
    const same = sameJson(queryPairs(nq), queryPairs(cq));
    out.push(`query${same ? ' (same pairs, other bytes)' : ''}: newman ${show(nq)}, client ${show(cq)}`);
  }
  return out;
}

function headerDiffs(item, nh, ch) {
  const names = new Set(['content-type', 'authorization', 'accept']);
  const listed = (item.request && Array.isArray(item.request.header) && item.request.header) || [];
  for (const h of listed) {
    if (h && typeof h.key === 'string' && !h.disabled && h.key.trim()) names.add(h.key.trim().toLowerCase());
  }
  for (const name of [...nh.keys(), ...ch.keys()]) if (!TRANSPORT.has(name)) names.add(name);
  const out = [];
  // A multipart boundary is random by nature: the parts are compared instead.
  const value = (map, name) => {
    const joined = map.has(name) ? map.get(name).join(', ') : null;
    return name === 'content-type' && joined ? joined.replace(/^(multipart\/[^;]*;\s*boundary=).*$/i, '$1*') : joined;
  };
  for (const name of [...names].sort()) {
    const nv = value(nh, name);
    const cv = value(ch, name);
    if (nv !== cv) out.push(`header ${name}: newman ${show(nv)}, client ${show(cv)}`);
  }
  return out;
}

/// Differences between newman's and the client's requests for one item.
function compare(entry, newman, client) {
  if (newman.length === 0 && client.length === 0) return [];
  if (newman.length !== 1 || client.length !== 1) {
    return [`requests received: newman ${newman.length}, client ${client.length}`];
  }
  const [n, c] = [newman[0], client[0]];
  const [nh, ch] = [headers(n), headers(c)];
  const out = [];
  if (n.method !== c.method) out.push(`method: newman ${n.method}, client ${c.method}`);
  out.push(...urlDiffs(n, c), ...headerDiffs(entry.item, nh, ch), ...bodyDiffs(n, c, nh, ch));
  return out;
}

module.exports = { compare };
