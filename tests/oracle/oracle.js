#!/usr/bin/env node
// The oracle: Postman's own runner (newman) and a generated client's conformance calls send every
// request of a collection to one loopback recorder, which keeps each request as it arrived (raw
// path and query, every header, the body's bytes); then every difference is printed.
//
//   node oracle.js --collection FILE --crate DIR [--allowlist FILE] [--summary FILE] [--show 1]
//
// DIR is the crate zoomgen generated from FILE. The collection runs without its scripts (the
// client runs no JavaScript); undefined variables get the values the conformance harness gives
// them (`conformance-NAME`). Exit status 1 when a request differs and is not in the allowlist.
'use strict';

const fs = require('fs');
const http = require('http');
const net = require('net');
const tls = require('tls');
const path = require('path');
const { spawn } = require('child_process');
const newman = require('newman');
const { Url } = require('postman-collection');
const { items, variableValues, walk } = require('./collection');
const { compare } = require('./compare');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`usage: oracle.js --collection FILE --crate DIR [--allowlist FILE] [--summary FILE] [--show 1]`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  if (!args.collection || !args.crate) throw new Error('--collection and --crate are required');
  return args;
}

/// The label a client request carries to the recorder (`Proxy-Authorization: zoomgen-oracle L`).
function proxyLabel(req) {
  const value = req.headers['proxy-authorization'] || '';
  return value.startsWith('zoomgen-oracle ') ? value.slice('zoomgen-oracle '.length) : null;
}

/// A self-signed certificate for the recorder's TLS side (the client accepts it in oracle mode).
function selfSigned() {
  const forge = require('node-forge');
  const { privateKey, publicKey } = require('crypto').generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }));
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86400000);
  cert.validity.notAfter = new Date(Date.now() + 86400000);
  const name = [{ name: 'commonName', value: 'zoomgen-oracle' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' });
  cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(cert) };
}

/// The recorder: requests by side ("newman" or "client") and item label. Newman's requests come
/// in through its agent (`recorderAgent`); the client's through the recorder as its HTTP proxy,
/// with their original URL: absolute-form for `http`, a `CONNECT` tunnel (TLS ended here) for
/// `https`. So both sign and send the same URL.
function startRecorder(state) {
  const records = { newman: new Map(), client: new Map() };
  const record = (side, label, entry) => {
    const list = records[side].get(label) || [];
    list.push(entry);
    records[side].set(label, list);
  };
  const handle = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method, rawHeaders: [], body: Buffer.concat(chunks) };
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        if (req.rawHeaders[i].toLowerCase() === 'proxy-authorization') continue;
        entry.rawHeaders.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
      }
      const tunnel = req.socket.oracle;
      const label = tunnel ? tunnel.label : proxyLabel(req);
      // A URL no HTTP client can send (a host with spaces, `about:blank`) comes tagged instead:
      // `/__oracle/LABEL/ORIGIN/path`, the origin percent-encoded.
      const path = label !== null && /^https?:\/\//.test(req.url) ? req.url.replace(/^https?:\/\/[^/]*/, '') : req.url;
      const tagged = path.match(/^\/__oracle\/([^/?]+)\/([^/?]+)(.*)$/);
      if (tagged) {
        const url = tagged[3].startsWith('/') ? tagged[3] : `/${tagged[3]}`;
        record('client', tagged[1], { ...entry, origin: decodeURIComponent(tagged[2]), url });
      } else if (tunnel) {
        record('client', label, { ...entry, origin: tunnel.origin, url: req.url });
      } else if (label !== null && /^https?:\/\//.test(req.url)) {
        const url = new URL(req.url);
        record('client', label, { ...entry, origin: url.origin, url: req.url.slice(url.origin.length) || '/' });
      } else {
        record('newman', state.label, { ...entry, origin: state.origin, url: req.url });
      }
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
      res.end('recorded');
    });
  };
  const server = http.createServer(handle);
  const inner = http.createServer(handle);
  const tlsOptions = selfSigned();
  server.on('connect', (req, socket) => {
    const label = proxyLabel(req);
    const [host, port] = req.url.split(':');
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const secure = new tls.TLSSocket(socket, { isServer: true, ...tlsOptions });
    secure.oracle = { label, origin: port && port !== '443' ? `https://${host}:${port}` : `https://${host}` };
    inner.emit('connection', secure);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, records, port: server.address().port }));
  });
}

/// An agent that connects every newman request, http or https, to the recorder in plain HTTP,
/// leaving the request itself (request line, Host and every other header, body) as newman wrote it.
function recorderAgent(port, scheme, state) {
  const agent = new http.Agent({ keepAlive: false });
  agent.protocol = `${scheme}:`;
  agent.defaultPort = scheme === 'https' ? 443 : 80;
  agent.createConnection = (options) => {
    // The origin newman connects to (an item's own `Host` header does not change it).
    const target = options.port && Number(options.port) !== agent.defaultPort ? `:${options.port}` : '';
    state.origin = `${scheme}://${options.host}${target}`;
    return net.connect(port, '127.0.0.1');
  };
  return agent;
}

/// Credentials the conformance harness configures where the collection leaves them empty (its
/// `BEARER`, `USERNAME`, `PASSWORD`, `API_KEY`).
const HARNESS_CREDENTIALS = {
  oauth2: { accessToken: 'conformance-bearer-token' },
  bearer: { token: 'conformance-bearer-token' },
  basic: { username: 'conformance-user', password: 'conformance-password' },
  apikey: { value: 'conformance-api-key' },
};

/// Values the conformance harness gives a signing scheme where the collection leaves them empty
/// (its `credential`: `conformance-KEY`; its `pinned`: `TIMESTAMP`, `NONCE`, ...): credentials,
/// and the timestamps and nonces that are otherwise fresh on each request.
const SIGNING_VALUES = {
  oauth1: { consumerKey: null, consumerSecret: null, timestamp: '1700000000', nonce: 'conformancenonce' },
  hawk: { authId: null, authKey: null, timestamp: '1700000000', nonce: 'conformancenonce' },
  awsv4: { accessKey: null, secretKey: null },
  digest: { username: null, password: null, clientNonce: 'conformancenonce' },
  jwt: { secret: null },
  edgegrid: {
    accessToken: null,
    clientToken: null,
    clientSecret: null,
    timestamp: '20231114T22:13:20+0000',
    nonce: 'conformancenonce',
  },
};

/// The Unix time (ms) the harness signs AWS requests at (its `UNIX_TIME`): newman's clock is
/// fixed to it while it runs, so that `X-Amz-Date` and the signature compare.
const FIXED_TIME = 1700000000000;

/// The parameters of `auth` as a v2.1 list (a v2.0 object becomes one), to change in place.
function authParams(auth) {
  if (!Array.isArray(auth[auth.type]) && typeof auth[auth.type] === 'object' && auth[auth.type]) {
    auth[auth.type] = Object.entries(auth[auth.type]).map(([key, value]) => ({ key, value }));
  }
  return Array.isArray(auth[auth.type]) ? auth[auth.type] : (auth[auth.type] = []);
}

/// Gives a signing scheme's empty parameters the harness's values, one by one.
function giveSigningValues(auth) {
  const wanted = auth && SIGNING_VALUES[auth.type];
  if (!wanted) return;
  const params = authParams(auth);
  for (const [key, fixed] of Object.entries(wanted)) {
    const value = fixed === null ? `conformance-${key}` : fixed;
    const found = params.find((p) => p && p.key === key);
    if (!found) params.push({ key, value, type: 'string' });
    else if (found.value === undefined || found.value === null || found.value === '') found.value = value;
  }
}

/// Runs `run` with `Date` fixed at [`FIXED_TIME`].
function withFixedClock(run) {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [FIXED_TIME]));
    }
    static now() {
      return FIXED_TIME;
    }
  }
  global.Date = FixedDate;
  return run().finally(() => {
    global.Date = RealDate;
  });
}

/// Credentials a collection leaves empty are the user's to give: an OAuth 2.0 token fetched
/// with "Get New Access Token" (the Postman app keeps it outside the export), a bearer token,
/// Basic credentials (both empty), an API key. Newman gets the ones the harness configures.
function giveCredentials(auth) {
  const wanted = auth && HARNESS_CREDENTIALS[auth.type];
  if (!wanted) return;
  const params = authParams(auth);
  const get = (key) => params.find((p) => p && p.key === key);
  if (Object.keys(wanted).some((key) => get(key) && get(key).value)) return;
  for (const [key, value] of Object.entries(wanted)) {
    if (get(key)) get(key).value = value;
    else params.push({ key, value, type: 'string' });
  }
}

/// A path variable without a value is one the user fills in: it gets the harness's value for
/// an undefined variable (`conformance-NAME`), as undefined `{{variables}}` do. That holds for
/// `:name` segments the URL does not list too (a string URL lists none), as the Postman app
/// lists each in its path-variable table.
function givePathValues(request) {
  if (typeof request.url === 'string') request.url = new Url(request.url).toJSON();
  const url = request.url;
  if (!url || typeof url !== 'object' || !Array.isArray(url.path)) return;
  url.variable = Array.isArray(url.variable) ? url.variable : [];
  for (const segment of url.path) {
    // `:name` up to a `.`, named by `key` or `id`.
    const name = typeof segment === 'string' && segment.startsWith(':') ? segment.slice(1).split('.')[0] : '';
    if (!name) continue;
    const found = url.variable.find((v) => v && (v.key ?? v.id) === name);
    if (!found) url.variable.push({ key: name, value: `conformance-${name}` });
    else if (found.value === undefined || found.value === null || found.value === '') found.value = `conformance-${name}`;
  }
}

/// Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, ...) are random by nature: newman
/// gets the values the harness sets on the client (`conformance-guid`), as for undefined
/// variables, so that the requests compare byte for byte. (The client's own values are tested
/// by the fixture tests.)
function fixDynamicVariables() {
  const { Substitutor } = require('postman-collection/lib/superstring');
  for (const name of Object.keys(Substitutor.DEFAULT_VARS)) {
    Substitutor.DEFAULT_VARS[name] = () => `conformance-${name.slice(1)}`;
  }
}

/// The contents the conformance harness gives every file (its `file`).
const FILE_CONTENTS = 'conformance file';

/// Files a request uploads exist on the user's disk: each `src` becomes a file with the
/// harness's contents under `dir` (newman reads files there only), its name kept.
function giveFiles(request, dir) {
  const body = request && request.body;
  if (!body || typeof body !== 'object') return;
  const place = (src) => {
    if (typeof src !== 'string' || !src) return src;
    const relative = src.replace(/^[a-zA-Z]:/, '').replace(/^[\\/]+/, '');
    const target = path.join(dir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, FILE_CONTENTS);
    return relative;
  };
  for (const part of Array.isArray(body.formdata) ? body.formdata : []) {
    if (part && part.type === 'file') part.src = Array.isArray(part.src) ? part.src.map(place) : place(part.src);
  }
  if (body.file && typeof body.file === 'object') body.file.src = place(body.file.src);
}

/// The collection as newman runs it: no scripts, each item's id its label, empty credentials,
/// path variable values and uploaded files given.
function forNewman(collection, dir) {
  const copy = JSON.parse(JSON.stringify(collection));
  const prepare = (node) => {
    delete node.event;
    giveCredentials(node.auth);
    giveSigningValues(node.auth);
    if (typeof node.request === 'string') node.request = { url: node.request, method: 'GET' };
    if (node.request && typeof node.request === 'object') {
      giveCredentials(node.request.auth);
      giveSigningValues(node.request.auth);
      givePathValues(node.request);
      giveFiles(node.request, dir);
    }
  };
  prepare(copy);
  walk(copy, (node, label) => {
    node.id = label;
    prepare(node);
  });
  return copy;
}

function runNewman(collection, port, state, workingDir) {
  const envVar = Object.entries(variableValues(collection)).map(([key, value]) => ({ key, value }));
  return new Promise((resolve, reject) => {
    newman
      .run({
        collection: forNewman(collection, workingDir),
        envVar,
        reporters: [],
        workingDir,
        insecure: true,
        ignoreRedirects: true,
        timeoutRequest: 10000,
        requestAgents: { http: recorderAgent(port, 'http', state), https: recorderAgent(port, 'https', state) },
      })
      .on('beforeRequest', (err, args) => {
        state.label = args.item.id;
      })
      .on('done', (err) => (err ? reject(err) : resolve()));
  });
}

function runClient(crate, port) {
  return new Promise((resolve) => {
    const env = { ...process.env, ZOOMGEN_ORACLE: `http://127.0.0.1:${port}` };
    const child = spawn('cargo', ['test', '--quiet', '--test', 'conformance'], { cwd: crate, env, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code));
  });
}

function readAllowlist(file, collectionName) {
  if (!file || !fs.existsSync(file)) return new Map();
  const allowed = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [collection, item, reason] = line.split('\t');
    if (collection === collectionName && reason) allowed.set(item, reason);
  }
  return allowed;
}

/// Prints both requests of an item (`--show 1`).
function showRequests(item, newmanSent, clientSent) {
  console.log(`== ${item.name} [${item.label}]`);
  for (const [side, list] of [['newman', newmanSent], ['client', clientSent]]) {
    for (const r of list) {
      console.log(`  ${side}: ${r.method} ${r.origin}${r.url}`);
      for (let i = 0; i + 1 < r.rawHeaders.length; i += 2) console.log(`    ${r.rawHeaders[i]}: ${r.rawHeaders[i + 1]}`);
      if (r.body.length) console.log(`    body: ${JSON.stringify(r.body.toString('utf8')).slice(0, 300)}`);
    }
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let collection = JSON.parse(fs.readFileSync(args.collection, 'utf8'));
  if (!collection.item && collection.collection) collection = collection.collection;
  const name = path.basename(args.collection);
  const state = { label: null, origin: '' };
  fixDynamicVariables();
  const { server, records, port } = await startRecorder(state);
  const scratch = fs.mkdtempSync(path.join(require('os').tmpdir(), 'oracle-files-'));
  await withFixedClock(() => runNewman(collection, port, state, scratch));
  const code = await runClient(path.resolve(args.crate), port);
  server.close();
  if (code !== 0) console.log(`${name}: the conformance suite exited with ${code} in oracle mode`);

  const allowed = readAllowlist(args.allowlist, name);
  const summary = { collection: name, requests: 0, identical: 0, allowed: 0, differing: 0 };
  // In oracle mode a conformance test fails only on what it checks locally: that the saved
  // responses, and changed versions of them, decode with nothing lost.
  if (code !== 0) summary.error = 'the conformance suite failed: responses that do not decode or lose members';
  for (const item of items(collection)) {
    summary.requests += 1;
    const newmanSent = records.newman.get(item.label) || [];
    const clientSent = records.client.get(item.label) || [];
    if (args.show) showRequests(item, newmanSent, clientSent);
    const diffs = compare(item, newmanSent, clientSent);
    if (diffs.length === 0) {
      summary.identical += 1;
    } else if (allowed.has(item.name)) {
      summary.allowed += 1;
    } else {
      summary.differing += 1;
      console.log(`DIFF ${name} :: ${item.name} [${item.label}]`);
      for (const d of diffs) console.log(`    ${d}`);
    }
  }
  console.log(
    `${name}: ${summary.identical}/${summary.requests} identical to newman` +
      (summary.allowed ? `, ${summary.allowed} allowlisted` : ''),
  );
  if (args.summary) fs.appendFileSync(args.summary, `${JSON.stringify(summary)}\n`);
  process.exit(summary.differing === 0 && !summary.error ? 0 : 1);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(2);
});
