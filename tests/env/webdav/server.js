'use strict';
// TEST FIXTURE ONLY — never part of ncbackup. A WebDAV server that stands in for "another Nextcloud"
// in ncbackup's tests. It speaks what a Nextcloud 32 instance speaks on the wire (WebDAV under
// /remote.php/dav/files/<uid>/, chunked upload v2, status.php, OCS capabilities, Login Flow v2,
// app passwords, WebFinger, maintenance mode, quota), as tests/env/README.md lists. Files are kept on
// disk through webdav-server's PhysicalFileSystem, so big files never sit in memory.
//
// Configuration comes from the environment and a file, never from the command line:
//   NCB_WEBDAV_PORT    port on 127.0.0.1 (required)
//   NCB_WEBDAV_CONFIG  JSON file {"storage": "<dir>", "users": {"<uid>": "<password>"}} (mode 600)
// The routes under /__test__/ are a TEST-ONLY control endpoint (approve a login, switch maintenance,
// set a quota, turn WebFinger on, make an isolated instance); no real Nextcloud has them.

const http = require('http');
const fs = require('fs');
const fsp = fs.promises;
const path = require('path');
const crypto = require('crypto');
const { pipeline } = require('stream/promises');
const webdav = require('webdav-server').v2;

const VERSION = { major: 32, minor: 0, micro: 1, string: '32.0.1', full: '32.0.1.2' };
const NS = { d: 'DAV:', s: 'http://sabredav.org/ns', oc: 'http://owncloud.org/ns', nc: 'http://nextcloud.org/ns' };
const UNLIMITED = -3;

const port = Number(process.env.NCB_WEBDAV_PORT);
const configFile = process.env.NCB_WEBDAV_CONFIG;
if (!port || !configFile) {
  console.error('server.js: NCB_WEBDAV_PORT and NCB_WEBDAV_CONFIG must be set');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
if (!config.storage || !config.users || Object.keys(config.users).length === 0) {
  console.error(`server.js: ${configFile} must hold "storage" and at least one user in "users"`);
  process.exit(2);
}

// ---------------------------------------------------------------- helpers

function randomToken(n) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}

function xmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function send(res, status, body, headers = {}) {
  if (res.headersSent) return res.end();
  const buf = Buffer.from(body || '');
  res.writeHead(status, { 'Content-Length': buf.length, ...headers });
  res.end(buf);
}

function sendJson(res, status, obj, type = 'application/json; charset=utf-8') {
  send(res, status, JSON.stringify(obj), { 'Content-Type': type });
}

// The error body Sabre/Nextcloud sends with a WebDAV error status.
function sendDavError(res, status, exception, message, headers = {}) {
  const body = '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">\n` +
    `  <s:exception>Sabre\\DAV\\Exception\\${exception}</s:exception>\n` +
    `  <s:message>${xmlEscape(message)}</s:message>\n</d:error>\n`;
  send(res, status, body, { 'Content-Type': 'application/xml; charset=utf-8', ...headers });
}

async function readBody(req, limit = 1 << 20) {
  const parts = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > limit) throw new Error('request body too large');
    parts.push(c);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function statOrNull(p) {
  try { return await fsp.stat(p); } catch (e) { if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null; throw e; }
}

async function duBytes(p) {
  const st = await statOrNull(p);
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const e of await fsp.readdir(p)) total += await duBytes(path.join(p, e));
  return total;
}

// Splits "/a/b%20c/" into decoded segments, refusing anything that would leave the root.
function decodeSegments(rel) {
  const segs = [];
  for (const raw of rel.split('/')) {
    if (raw === '') continue;
    let s;
    try { s = decodeURIComponent(raw); } catch { return null; }
    if (s === '.' || s === '..' || s.includes('/') || s.includes('\0')) return null;
    segs.push(s);
  }
  return segs;
}

// Identifies a file across renames (MOVE keeps its id, as in Nextcloud) but not across inode reuse.
function fileKey(st) { return `${st.ino}:${st.birthtimeMs}`; }

function encodePath(segs) { return segs.map(encodeURIComponent).join('/'); }

const MIME = {
  txt: 'text/plain', md: 'text/markdown', html: 'text/html', json: 'application/json', xml: 'application/xml',
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
  zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar', zst: 'application/zstd',
  sql: 'application/sql', php: 'application/x-php', mp4: 'video/mp4', mp3: 'audio/mpeg',
};
function mimeOf(name) {
  const ext = path.extname(name).slice(1).toLowerCase();
  return MIME[ext] || 'application/octet-stream';
}

// Destination header (a full URL) -> its path, or null.
function destinationPath(req) {
  const d = req.headers.destination;
  if (!d) return null;
  try { return new URL(d, `http://${req.headers.host || '127.0.0.1'}`).pathname; } catch { return null; }
}

// ---------------------------------------------------------------- one Nextcloud instance

class Instance {
  constructor(name, prefix, users) {
    this.name = name;
    this.prefix = prefix;                 // '' for the default instance, '/i/<name>' otherwise
    this.root = path.join(config.storage, name);
    this.instanceId = 'oc' + randomToken(10).toLowerCase();
    this.users = new Map(Object.entries(users));
    this.appPasswords = new Map();        // app password -> uid
    this.flows = new Map();               // poll token -> {flowToken, created, uid, appPassword}
    this.maintenance = false;
    this.webfinger = false;
    this.ocmPublicKeyPem = newSignatoryKey();
    this.chunkPuts = 0;                   // TEST ONLY: chunks stored by PUT (resume tests count them)
    this.chunkDelayMs = 0;                // TEST ONLY: wait this long before answering a chunk PUT
    this.quota = new Map();               // uid -> bytes (UNLIMITED when absent)
    this.meta = new Map();                // fileKey(stat) -> {fileid, checksum}
    this.nextFileId = 1;
    // Authentication is done before a request reaches webdav-server; it then acts for that user.
    const user = new webdav.SimpleUser('nextcloud', '', true, true);
    this.dav = new webdav.WebDAVServer({
      requireAuthentification: false, respondWithPaths: true, serverName: 'Nextcloud', version: VERSION.string,
      privilegeManager: new webdav.PrivilegeManager(),
      httpAuthentication: { askForAuthentication: () => ({}), getUser: (ctx, cb) => cb(undefined, user) },
    });
    fs.rmSync(this.root, { recursive: true, force: true });
    fs.mkdirSync(path.join(this.root, 'tmp'), { recursive: true });
    for (const uid of this.users.keys()) this.addUserStorage(uid);
  }

  addUserStorage(uid) {
    const files = this.filesDir(uid);
    fs.mkdirSync(files, { recursive: true });
    fs.mkdirSync(this.uploadsDir(uid), { recursive: true });
    this.dav.setFileSystemSync(`${this.prefix}/remote.php/dav/files/${uid}`, new webdav.PhysicalFileSystem(files), true);
  }

  filesDir(uid) { return path.join(this.root, 'data', uid, 'files'); }
  uploadsDir(uid) { return path.join(this.root, 'data', uid, 'uploads'); }
  quotaOf(uid) { return this.quota.has(uid) ? this.quota.get(uid) : UNLIMITED; }

  metaFor(st) {
    let m = this.meta.get(fileKey(st));
    if (!m) { m = { fileid: this.nextFileId++, checksum: null }; this.meta.set(fileKey(st), m); }
    return m;
  }
  ocId(fileid) { return String(fileid).padStart(8, '0') + this.instanceId; }

  // Basic auth: the login password or one of the user's app passwords. Returns {uid, app} or null.
  authenticate(req) {
    const h = req.headers.authorization || '';
    const m = /^Basic\s+(.+)$/i.exec(h);
    if (!m) return null;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return null;
    const uid = decoded.slice(0, i), pw = decoded.slice(i + 1);
    if (this.users.has(uid) && this.users.get(uid) === pw) return { uid, app: null };
    if (this.appPasswords.get(pw) === uid) return { uid, app: pw };
    return null;
  }

  base(req) { return `http://${req.headers.host}${this.prefix}`; }
}

const instances = new Map();
instances.set('default', new Instance('default', '', config.users));

// ---------------------------------------------------------------- status.php, OCS

function statusJson(inst) {
  return {
    installed: true, maintenance: inst.maintenance, needsDbUpgrade: false, version: VERSION.full,
    versionstring: VERSION.string, edition: '', productname: 'Nextcloud', extendedSupport: false,
  };
}

function capabilities(authenticated) {
  const caps = {
    version: { major: VERSION.major, minor: VERSION.minor, micro: VERSION.micro, string: VERSION.string, edition: '', extendedSupport: false },
    capabilities: {
      core: { pollinterval: 60, 'webdav-root': 'remote.php/webdav', 'reference-api': true },
      bruteforce: { delay: 0, 'allow-listed': false },
      files: {
        bigfilechunking: true, 'blacklisted_files': ['.htaccess'], 'forbidden_filenames': ['.htaccess'],
        'forbidden_filename_characters': ['\\', '/'], undelete: true, versioning: true,
        chunked_upload: { max_size: 104857600, max_parallel_count: 5 },
      },
      dav: { chunking: '1.0', bulkupload: '1.0' },
      theming: { name: 'Nextcloud', url: 'https://nextcloud.com', slogan: 'a safe home for all your data', color: '#0082c9' },
      app_api: { loglevel: 1, version: '32.0.0' },
    },
  };
  // A real Nextcloud 32 shows the dav part and files.chunked_upload only to an authenticated user.
  if (!authenticated) {
    delete caps.capabilities.dav;
    delete caps.capabilities.files;
    delete caps.capabilities.core;
  }
  return caps;
}

// OCM discovery: the instance's signatory key pair, RSA 2048, made afresh per start (and per
// POST /__test__/ocm-key, which stands in for an admin regenerating the instance's keys).
function newSignatoryKey() {
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return publicKey.export({ type: 'spki', format: 'pem' });
}

function ocmDiscovery(req, inst) {
  const base = inst.base(req);
  return {
    enabled: true, apiVersion: '1.0-proposal1', version: '1.1.0', endPoint: `${base}/index.php/ocm`,
    publicKey: { keyId: `${base.replace(/^http:/, 'https:')}/ocm#signature`, publicKeyPem: inst.ocmPublicKeyPem },
    resourceTypes: [{ name: 'file', shareTypes: ['user', 'group'], protocols: { webdav: '/public.php/webdav/' } }],
    capabilities: ['/invite-accepted', '/notifications', '/shares'],
  };
}

function toXml(v, indent) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return xmlEscape(typeof v === 'boolean' ? (v ? '1' : '') : v);
  const pad = ' '.repeat(indent);
  let s = '\n';
  if (Array.isArray(v)) {
    for (const e of v) s += `${pad}<element>${toXml(e, indent + 1)}</element>\n`;
  } else {
    for (const [k, e] of Object.entries(v)) s += `${pad}<${k}>${toXml(e, indent + 1)}</${k}>\n`;
  }
  return s + ' '.repeat(Math.max(0, indent - 1));
}

// OCS answer: v1 always HTTP 200 with statuscode 100 on success; v2 maps to the HTTP status.
function sendOcs(req, res, version, httpStatus, data, message = 'OK') {
  const ok = httpStatus >= 200 && httpStatus < 300;
  const meta = { status: ok ? 'ok' : 'failure', statuscode: ok ? (version === 1 ? 100 : 200) : httpStatus, message, totalitems: '', itemsperpage: '' };
  const status = version === 1 ? 200 : httpStatus;
  const url = new URL(req.url, 'http://x');
  const json = url.searchParams.get('format') === 'json' || /application\/json/.test(req.headers.accept || '');
  if (json) return sendJson(res, status, { ocs: { meta, data } });
  const body = `<?xml version="1.0"?>\n<ocs>\n <meta>${toXml(meta, 2)}</meta>\n <data>${toXml(data, 2)}</data>\n</ocs>\n`;
  send(res, status, body, { 'Content-Type': 'text/xml; charset=UTF-8' });
}

function requireOcsHeader(req, res) {
  if ((req.headers['ocs-apirequest'] || '').toLowerCase() === 'true') return true;
  sendJson(res, 412, { message: 'CSRF check failed' });
  return false;
}

// ---------------------------------------------------------------- PROPFIND

// The requested properties: [{ns, name}], or null for allprop/empty body.
function parsePropfind(body) {
  if (!body.trim()) return null;
  if (/<([\w-]+:)?allprop\b/.test(body) || /<([\w-]+:)?propname\b/.test(body)) return null;
  const prefixes = {};
  let defaultNs = '';
  for (const m of body.matchAll(/xmlns(?::([\w-]+))?\s*=\s*"([^"]*)"/g)) {
    if (m[1]) prefixes[m[1]] = m[2]; else defaultNs = m[2];
  }
  const inner = /<(?:[\w-]+:)?prop\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?prop\s*>/.exec(body);
  if (!inner) return null;
  const props = [];
  for (const m of inner[1].matchAll(/<(?:([\w-]+):)?([\w.-]+)\b[^>]*?(?:\/>|>)/g)) {
    const ns = m[1] ? prefixes[m[1]] : defaultNs;
    if (ns === undefined) continue;
    props.push({ ns, name: m[2] });
  }
  return props;
}

const ALLPROP = [
  { ns: NS.d, name: 'getlastmodified' }, { ns: NS.d, name: 'getcontentlength' }, { ns: NS.d, name: 'resourcetype' },
  { ns: NS.d, name: 'getetag' }, { ns: NS.d, name: 'getcontenttype' },
  { ns: NS.d, name: 'quota-used-bytes' }, { ns: NS.d, name: 'quota-available-bytes' },
];

async function etagOf(p, st) {
  if (!st.isDirectory()) {
    return crypto.createHash('sha1').update(`${fileKey(st)}:${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 13);
  }
  // A folder's ETag changes whenever anything below it changes, as in Nextcloud.
  const h = crypto.createHash('sha1').update(`${st.ino}:${st.mtimeMs}`);
  for (const e of (await fsp.readdir(p)).sort()) {
    const cp = path.join(p, e);
    const cst = await statOrNull(cp);
    if (cst) h.update(`${e}/${await etagOf(cp, cst)}`);
  }
  return h.digest('hex').slice(0, 13);
}

function prefixFor(ns) { return Object.keys(NS).find((k) => NS[k] === ns); }

function propXml(ns, name, value) {
  const pfx = prefixFor(ns);
  const tag = pfx ? `${pfx}:${name}` : `x:${name}`;
  const decl = pfx ? '' : ` xmlns:x="${xmlEscape(ns)}"`;
  return value === '' ? `<${tag}${decl}/>` : `<${tag}${decl}>${value}</${tag}>`;
}

// Value (XML text) of one property, or undefined when the resource does not have it (404 propstat).
async function propValue(ctx, p, st, prop) {
  const isDir = st.isDirectory();
  const key = `${prop.ns === NS.d ? 'd' : prop.ns === NS.oc ? 'oc' : prop.ns === NS.nc ? 'nc' : '?'}:${prop.name}`;
  const m = ctx.inst.metaFor(st);
  switch (key) {
    case 'd:getlastmodified': return st.mtime.toUTCString();
    case 'd:getetag': return xmlEscape(`"${await etagOf(p, st)}"`);
    case 'd:resourcetype': return isDir ? '<d:collection/>' : '';
    case 'd:getcontentlength': return isDir ? undefined : String(st.size);
    case 'd:getcontenttype': return isDir ? undefined : mimeOf(p);
    case 'd:quota-used-bytes':
      return isDir && ctx.quota ? String(await duBytes(p)) : undefined;
    case 'd:quota-available-bytes': {
      if (!isDir || !ctx.quota) return undefined;
      const q = ctx.inst.quotaOf(ctx.uid);
      if (q < 0) return String(UNLIMITED);
      return String(Math.max(0, q - await duBytes(ctx.inst.filesDir(ctx.uid))));
    }
    case 'oc:fileid': return String(m.fileid);
    case 'oc:id': return ctx.inst.ocId(m.fileid);
    case 'oc:size': return String(isDir ? await duBytes(p) : st.size);
    case 'oc:permissions': return isDir ? 'RGDNVCK' : 'RGDNVW';
    case 'oc:checksums':
      return !isDir && m.checksum ? `<oc:checksum>${xmlEscape(m.checksum)}</oc:checksum>` : undefined;
    case 'oc:owner-id': return xmlEscape(ctx.uid);
    case 'oc:owner-display-name': return xmlEscape(ctx.uid);
    case 'oc:favorite': return '0';
    case 'nc:has-preview': return 'false';
    case 'nc:mount-type': return '';
    case 'nc:is-encrypted': return isDir ? '0' : undefined;
    default: return undefined;
  }
}

// ctx: {inst, uid, quota (whether quota props apply)}; root: local folder; hrefBase: absolute path of root.
async function propfind(req, res, ctx, root, hrefBase, segs) {
  const body = await readBody(req);
  const wanted = parsePropfind(body) || ALLPROP;
  const allprop = parsePropfind(body) === null;
  const depthHeader = (req.headers.depth || 'infinity').toLowerCase();
  const depth = depthHeader === '0' ? 0 : depthHeader === '1' ? 1 : Infinity;
  const target = path.join(root, ...segs);
  const st = await statOrNull(target);
  if (!st) return sendDavError(res, 404, 'NotFound', `File with name ${segs.join('/')} could not be located`);

  const entries = [];
  const walk = async (p, s, sg, d) => {
    entries.push({ p, st: s, segs: sg });
    if (s.isDirectory() && d > 0) {
      for (const e of (await fsp.readdir(p)).sort()) {
        const cp = path.join(p, e);
        const cst = await statOrNull(cp);
        if (cst) await walk(cp, cst, [...sg, e], d - 1);
      }
    }
  };
  await walk(target, st, segs, depth);

  let out = '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" ' +
    'xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">';
  for (const e of entries) {
    const isDir = e.st.isDirectory();
    const href = hrefBase + encodePath(e.segs) + (isDir && e.segs.length ? '/' : '');
    const found = [], missing = [];
    for (const prop of wanted) {
      const v = await propValue(ctx, e.p, e.st, prop);
      if (v === undefined) { if (!allprop) missing.push(propXml(prop.ns, prop.name, '')); } else found.push(propXml(prop.ns, prop.name, v));
    }
    out += `<d:response><d:href>${xmlEscape(href)}</d:href>`;
    if (found.length) out += `<d:propstat><d:prop>${found.join('')}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>`;
    if (missing.length) out += `<d:propstat><d:prop>${missing.join('')}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>`;
    out += '</d:response>';
  }
  out += '</d:multistatus>\n';
  send(res, 207, out, { 'Content-Type': 'application/xml; charset=utf-8' });
}

// ---------------------------------------------------------------- writing files

// Moves the finished temp file to target, keeps the file id of what it replaces, applies
// X-OC-Mtime and OC-Checksum, and answers 201 (new) or 204 (overwrite) with the Nextcloud headers.
async function commitFile(req, res, inst, tmp, target, existed) {
  let keep = null;
  if (existed) {
    const old = await statOrNull(target);
    if (old) { keep = inst.meta.get(fileKey(old)); inst.meta.delete(fileKey(old)); }
  }
  await fsp.rename(tmp, target);
  const headers = {};
  const mtime = req.headers['x-oc-mtime'];
  if (mtime !== undefined && /^\d+(\.\d+)?$/.test(mtime)) {
    await fsp.utimes(target, new Date(), Number(mtime));
    headers['X-OC-MTime'] = 'accepted';
  }
  const st = await fsp.stat(target);
  const m = keep || { fileid: inst.nextFileId++, checksum: null };
  // Stored as given and handed back by PROPFIND; Nextcloud does not verify it either.
  m.checksum = req.headers['oc-checksum'] || null;
  inst.meta.set(fileKey(st), m);
  const etag = `"${await etagOf(target, st)}"`;
  Object.assign(headers, { ETag: etag, 'OC-ETag': etag, 'OC-FileId': inst.ocId(m.fileid), 'Content-Type': 'text/html; charset=UTF-8' });
  send(res, existed ? 204 : 201, '', headers);
}

function quotaExceeded(inst, uid, usedNow, replacedBytes, newBytes) {
  const q = inst.quotaOf(uid);
  return q >= 0 && usedNow - replacedBytes + newBytes > q;
}

function sendInsufficient(res, need) {
  sendDavError(res, 507, 'InsufficientStorage', `Insufficient space in /, ${need} required`);
}

async function putFile(req, res, inst, uid, segs) {
  if (segs.length === 0) return sendDavError(res, 405, 'MethodNotAllowed', 'Cannot PUT to a folder');
  const filesDir = inst.filesDir(uid);
  const target = path.join(filesDir, ...segs);
  const parent = await statOrNull(path.dirname(target));
  if (!parent || !parent.isDirectory()) return sendDavError(res, 409, 'Conflict', 'Parent folder does not exist');
  const old = await statOrNull(target);
  if (old && old.isDirectory()) return sendDavError(res, 405, 'MethodNotAllowed', 'A folder exists at this path');
  const length = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null;
  const used = await duBytes(filesDir);
  const replaced = old ? old.size : 0;
  if (length !== null && quotaExceeded(inst, uid, used, replaced, length)) { req.resume(); return sendInsufficient(res, length); }

  const tmp = path.join(inst.root, 'tmp', `put-${randomToken(16)}`);
  try {
    await pipeline(req, fs.createWriteStream(tmp));
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    if (!res.headersSent) sendDavError(res, 400, 'BadRequest', `Upload failed: ${e.message}`);
    return;
  }
  const written = (await fsp.stat(tmp)).size;
  if (length !== null && written !== length) {
    await fsp.rm(tmp, { force: true });
    return sendDavError(res, 400, 'BadRequest', `Expected filesize of ${length} bytes but read ${written} bytes`);
  }
  if (quotaExceeded(inst, uid, used, replaced, written)) { await fsp.rm(tmp, { force: true }); return sendInsufficient(res, written); }
  await commitFile(req, res, inst, tmp, target, !!old);
}

async function forgetMeta(inst, p) {
  const st = await statOrNull(p);
  if (!st) return;
  if (st.isDirectory()) for (const e of await fsp.readdir(p)) await forgetMeta(inst, path.join(p, e));
  inst.meta.delete(fileKey(st));
}

async function deletePath(res, inst, local, segs) {
  if (segs.length === 0) return sendDavError(res, 403, 'Forbidden', 'Cannot delete the root folder');
  if (!(await statOrNull(local))) return sendDavError(res, 404, 'NotFound', `File with name ${segs.join('/')} could not be located`);
  await forgetMeta(inst, local);
  await fsp.rm(local, { recursive: true, force: true });
  send(res, 204, '');
}

async function mkcol(res, local) {
  if (await statOrNull(local)) return sendDavError(res, 405, 'MethodNotAllowed', 'The resource you tried to create already exists');
  const parent = await statOrNull(path.dirname(local));
  if (!parent || !parent.isDirectory()) return sendDavError(res, 409, 'Conflict', 'Parent node does not exist');
  await fsp.mkdir(local);
  send(res, 201, '');
}

// ---------------------------------------------------------------- /remote.php/dav/files/<uid>/

async function handleFiles(req, res, inst, auth, uid, rest) {
  const segs = decodeSegments(rest);
  if (segs === null) return sendDavError(res, 400, 'BadRequest', 'Invalid path');
  if (auth.uid !== uid) return sendDavError(res, 404, 'NotFound', `Principal with name ${uid} not found`);
  const filesDir = inst.filesDir(uid);
  const local = path.join(filesDir, ...segs);
  const hrefBase = `${inst.prefix}/remote.php/dav/files/${encodeURIComponent(uid)}/`;
  switch (req.method) {
    case 'PROPFIND': return propfind(req, res, { inst, uid, quota: true }, filesDir, hrefBase, segs);
    case 'PUT': return putFile(req, res, inst, uid, segs);
    case 'DELETE': return deletePath(res, inst, local, segs);
    case 'MKCOL': req.resume(); return mkcol(res, local);
    case 'COPY': {
      const st = await statOrNull(local);
      if (st && quotaExceeded(inst, uid, await duBytes(filesDir), 0, await duBytes(local))) return sendInsufficient(res, st.size);
      break;
    }
    default: break;
  }
  // GET/HEAD (with ranges), MOVE, COPY, LOCK, UNLOCK, PROPPATCH, OPTIONS: webdav-server on the disk.
  if (!req.headers.overwrite) req.headers.overwrite = 'T'; // RFC 4918 default, as Sabre does
  if (req.method === 'GET' || req.method === 'HEAD') {
    const st = await statOrNull(local);
    if (st && !st.isDirectory()) {
      const etag = `"${await etagOf(local, st)}"`;
      res.setHeader('ETag', etag);
      res.setHeader('OC-ETag', etag);
      res.setHeader('OC-FileId', inst.ocId(inst.metaFor(st).fileid));
      res.setHeader('Content-Type', mimeOf(local));
    }
  }
  inst.dav.executeRequest(req, res);
}

// ---------------------------------------------------------------- chunked upload v2

async function handleUploads(req, res, inst, auth, uid, rest) {
  const segs = decodeSegments(rest);
  if (segs === null) return sendDavError(res, 400, 'BadRequest', 'Invalid path');
  if (auth.uid !== uid) return sendDavError(res, 404, 'NotFound', `Principal with name ${uid} not found`);
  const uploads = inst.uploadsDir(uid);
  const local = path.join(uploads, ...segs);
  const totalHeader = req.headers['oc-total-length'];
  const total = totalHeader !== undefined ? Number(totalHeader) : null;
  const filesDir = inst.filesDir(uid);
  const checkTotal = async () => {
    if (total === null) return true;
    const dest = destinationPath(req);
    let replaced = 0;
    if (dest) {
      const d = resolveFilesDestination(inst, uid, dest);
      if (d) { const st = await statOrNull(d.local); if (st && !st.isDirectory()) replaced = st.size; }
    }
    if (quotaExceeded(inst, uid, await duBytes(filesDir), replaced, total)) { req.resume(); sendInsufficient(res, total); return false; }
    return true;
  };

  switch (req.method) {
    case 'MKCOL':
      if (segs.length !== 1) return sendDavError(res, 409, 'Conflict', 'Upload folders live directly under uploads/<uid>/');
      if (!(await checkTotal())) return;
      req.resume();
      return mkcol(res, local);
    case 'PUT': {
      if (segs.length !== 2) return sendDavError(res, 409, 'Conflict', 'Chunks go into an upload folder');
      const folder = await statOrNull(path.join(uploads, segs[0]));
      if (!folder || !folder.isDirectory()) return sendDavError(res, 404, 'NotFound', `Upload folder ${segs[0]} does not exist`);
      if (!(await checkTotal())) return;
      const tmp = path.join(inst.root, 'tmp', `chunk-${randomToken(16)}`);
      try { await pipeline(req, fs.createWriteStream(tmp)); } catch (e) {
        await fsp.rm(tmp, { force: true });
        return sendDavError(res, 400, 'BadRequest', `Upload failed: ${e.message}`);
      }
      const existed = !!(await statOrNull(local));
      await fsp.rename(tmp, local);
      inst.chunkPuts++;
      if (inst.chunkDelayMs > 0) await new Promise((r) => setTimeout(r, inst.chunkDelayMs));
      const st = await fsp.stat(local);
      const etag = `"${await etagOf(local, st)}"`;
      return send(res, existed ? 204 : 201, '', { ETag: etag, 'OC-ETag': etag });
    }
    case 'MOVE':
      if (segs.length === 2 && segs[1] === '.file') return assemble(req, res, inst, uid, segs[0], total);
      return sendDavError(res, 403, 'Forbidden', 'Only the .file of an upload folder can be moved');
    case 'DELETE':
      if (segs.length === 0) return sendDavError(res, 403, 'Forbidden', 'Cannot delete the uploads folder');
      return deletePath(res, inst, local, segs);
    case 'PROPFIND':
      return propfind(req, res, { inst, uid, quota: false }, uploads, `${inst.prefix}/remote.php/dav/uploads/${encodeURIComponent(uid)}/`, segs);
    default:
      req.resume();
      return sendDavError(res, 405, 'MethodNotAllowed', `${req.method} is not allowed here`);
  }
}

function resolveFilesDestination(inst, uid, destPath) {
  const base = `${inst.prefix}/remote.php/dav/files/${uid}/`;
  if (!destPath.startsWith(`${inst.prefix}/remote.php/dav/files/`)) return null;
  if (!decodeURIComponent(destPath).startsWith(base) && !destPath.startsWith(`${inst.prefix}/remote.php/dav/files/${encodeURIComponent(uid)}/`)) return null;
  const rest = destPath.slice(destPath.indexOf('/', `${inst.prefix}/remote.php/dav/files/`.length));
  const segs = decodeSegments(rest);
  if (!segs || segs.length === 0) return null;
  return { segs, local: path.join(inst.filesDir(uid), ...segs) };
}

async function assemble(req, res, inst, uid, id, total) {
  req.resume();
  const folder = path.join(inst.uploadsDir(uid), id);
  const fst = await statOrNull(folder);
  if (!fst || !fst.isDirectory()) return sendDavError(res, 404, 'NotFound', `Upload folder ${id} does not exist`);
  const destPath = destinationPath(req);
  if (!destPath) return sendDavError(res, 400, 'BadRequest', 'The Destination header is missing');
  const dest = resolveFilesDestination(inst, uid, destPath);
  if (!dest) return sendDavError(res, 400, 'BadRequest', 'The Destination must be inside the user\'s files');
  const parent = await statOrNull(path.dirname(dest.local));
  if (!parent || !parent.isDirectory()) return sendDavError(res, 409, 'Conflict', 'Parent folder of the destination does not exist');
  const old = await statOrNull(dest.local);
  if (old && old.isDirectory()) return sendDavError(res, 409, 'Conflict', 'A folder exists at the destination');

  let names = (await fsp.readdir(folder)).filter((n) => !n.startsWith('.'));
  const numeric = names.every((n) => /^\d+$/.test(n));
  names = numeric ? names.sort((a, b) => Number(a) - Number(b)) : names.sort();
  let size = 0;
  for (const n of names) size += (await fsp.stat(path.join(folder, n))).size;
  if (total !== null && size !== total) {
    return sendDavError(res, 400, 'BadRequest', `Chunks on server do not sum up to ${total} but to ${size} bytes`);
  }
  if (quotaExceeded(inst, uid, await duBytes(inst.filesDir(uid)), old ? old.size : 0, size)) return sendInsufficient(res, size);

  const tmp = path.join(inst.root, 'tmp', `assembled-${randomToken(16)}`);
  const out = fs.createWriteStream(tmp);
  try {
    for (const n of names) {
      await new Promise((resolve, reject) => {
        const rs = fs.createReadStream(path.join(folder, n));
        rs.on('error', reject);
        rs.on('end', resolve);
        rs.pipe(out, { end: false });
      });
    }
    await new Promise((resolve, reject) => { out.on('error', reject); out.end(resolve); });
  } catch (e) {
    out.destroy();
    await fsp.rm(tmp, { force: true });
    return sendDavError(res, 500, 'ServiceUnavailable', `Could not assemble the chunks: ${e.message}`);
  }
  await fsp.rm(folder, { recursive: true, force: true });
  await commitFile(req, res, inst, tmp, dest.local, !!old);
}

// ---------------------------------------------------------------- Login Flow v2, app passwords, WebFinger

async function handleLoginFlow(req, res, inst, rest) {
  if (rest === '' && req.method === 'POST') {
    req.resume();
    const token = randomToken(128), flowToken = randomToken(64);
    inst.flows.set(token, { flowToken, created: Date.now(), uid: null, appPassword: null });
    const base = inst.base(req);
    return sendJson(res, 200, { poll: { token, endpoint: `${base}/index.php/login/v2/poll` }, login: `${base}/index.php/login/v2/flow/${flowToken}` });
  }
  if (rest === '/poll' && req.method === 'POST') {
    const body = await readBody(req);
    const token = new URLSearchParams(body).get('token') || new URL(req.url, 'http://x').searchParams.get('token');
    const flow = token && inst.flows.get(token);
    if (!flow || !flow.uid) return sendJson(res, 404, []);
    inst.flows.delete(token); // answered once only
    return sendJson(res, 200, { server: inst.base(req), loginName: flow.uid, appPassword: flow.appPassword });
  }
  const m = /^\/flow\/([A-Za-z0-9]+)$/.exec(rest);
  if (m && req.method === 'GET') {
    req.resume();
    return send(res, 200, '<!DOCTYPE html><html><head><title>Connect to your account - Nextcloud</title></head><body>' +
      '<p>TEST FIXTURE: this stand-in Nextcloud has no browser login. A test approves this login through ' +
      `<code>POST /__test__/login-flow/approve</code> (see tests/env/README.md).</p></body></html>`,
    { 'Content-Type': 'text/html; charset=UTF-8' });
  }
  req.resume();
  return send(res, 404, 'Not found');
}

function approveFlow(inst, uid, login) {
  if (!inst.users.has(uid)) return { status: 404, error: `no user '${uid}' in instance '${inst.name}'` };
  let pending = [...inst.flows.entries()].filter(([, f]) => !f.uid);
  if (login) {
    const flowToken = String(login).split('/').pop();
    pending = pending.filter(([, f]) => f.flowToken === flowToken);
    if (pending.length === 0) return { status: 404, error: 'no pending login with that login URL' };
  } else if (pending.length !== 1) {
    return { status: 409, error: `${pending.length} logins are pending; name one with "login"` };
  }
  const [, flow] = pending[0];
  flow.uid = uid;
  flow.appPassword = randomToken(72);
  inst.appPasswords.set(flow.appPassword, uid);
  return { status: 200, body: { approved: flow.flowToken, user: uid } };
}

function handleWebfinger(req, res, inst) {
  req.resume();
  if (!inst.webfinger) return sendJson(res, 404, { message: 'webfinger not supported' });
  const resource = new URL(req.url, 'http://x').searchParams.get('resource');
  if (!resource) return sendJson(res, 400, { message: 'missing resource' });
  const m = /^acct:([^@]+)@/.exec(resource);
  if (!m || !inst.users.has(m[1])) return sendJson(res, 404, { message: 'webfinger not supported' });
  const base = inst.base(req);
  return sendJson(res, 200, {
    subject: resource,
    links: [
      { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: `${base}/u/${encodeURIComponent(m[1])}` },
      { rel: 'http://openid.net/specs/connect/1.0/issuer', href: base },
    ],
  }, 'application/jrd+json; charset=utf-8');
}

// ---------------------------------------------------------------- TEST-ONLY control endpoint

async function handleControl(req, res, sub) {
  const url = new URL(req.url, 'http://x');
  let body = {};
  if (req.method === 'POST') {
    const text = await readBody(req);
    try { body = text.trim() ? JSON.parse(text) : {}; } catch { return sendJson(res, 400, { error: 'body must be JSON' }); }
  } else req.resume();
  const name = body.instance || url.searchParams.get('instance') || 'default';

  if (sub === '/instances' && req.method === 'POST') {
    if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(body.name || '') || body.name === 'default') {
      return sendJson(res, 400, { error: '"name" must be lower-case letters, digits and dashes (not "default")' });
    }
    const users = body.users && Object.keys(body.users).length ? body.users : config.users;
    const inst = new Instance(body.name, `/i/${body.name}`, users);
    instances.set(body.name, inst);
    return sendJson(res, 200, { name: inst.name, url: `http://${req.headers.host}${inst.prefix}`, users: Object.keys(users) });
  }

  const del = /^\/instances\/([a-z0-9-]+)$/.exec(sub);
  if (del && req.method === 'DELETE' && del[1] !== 'default') {
    if (!instances.delete(del[1])) return sendJson(res, 404, { error: `no instance '${del[1]}'` });
    await fsp.rm(path.join(config.storage, del[1]), { recursive: true, force: true });
    return sendJson(res, 200, { deleted: del[1] });
  }
  const inst = instances.get(name);
  if (!inst) return sendJson(res, 404, { error: `no instance '${name}'` });
  const state = () => ({
    instance: inst.name, url: `http://${req.headers.host}${inst.prefix}`, maintenance: inst.maintenance, webfinger: inst.webfinger,
    chunkPuts: inst.chunkPuts, chunkDelayMs: inst.chunkDelayMs,
    quota: Object.fromEntries([...inst.users.keys()].map((u) => [u, inst.quotaOf(u)])),
    pendingLogins: [...inst.flows.values()].filter((f) => !f.uid).map((f) => `http://${req.headers.host}${inst.prefix}/index.php/login/v2/flow/${f.flowToken}`),
  });
  if (sub === '/state' && req.method === 'GET') return sendJson(res, 200, state());
  if (sub === '/maintenance' && req.method === 'POST') { inst.maintenance = !!body.on; return sendJson(res, 200, state()); }
  if (sub === '/ocm-key' && req.method === 'POST') { inst.ocmPublicKeyPem = newSignatoryKey(); return sendJson(res, 200, { publicKeyPem: inst.ocmPublicKeyPem }); }
  if (sub === '/chunk-delay' && req.method === 'POST') { inst.chunkDelayMs = Math.max(0, Number(body.ms) || 0); return sendJson(res, 200, state()); }
  if (sub === '/webfinger' && req.method === 'POST') { inst.webfinger = !!body.enabled; return sendJson(res, 200, state()); }
  if (sub === '/quota' && req.method === 'POST') {
    const uid = body.user || Object.keys(config.users)[0];
    if (!inst.users.has(uid)) return sendJson(res, 404, { error: `no user '${uid}'` });
    const bytes = Number(body.bytes);
    if (!Number.isInteger(bytes) || (bytes < 0 && bytes !== UNLIMITED)) return sendJson(res, 400, { error: '"bytes" must be >= 0 or -3 (unlimited)' });
    inst.quota.set(uid, bytes);
    return sendJson(res, 200, state());
  }
  if (sub === '/login-flow' && req.method === 'GET') return sendJson(res, 200, { pending: state().pendingLogins });
  if (sub === '/login-flow/approve' && req.method === 'POST') {
    const r = approveFlow(inst, body.user || Object.keys(config.users)[0], body.login);
    return sendJson(res, r.status, r.body || { error: r.error });
  }
  return sendJson(res, 404, { error: `unknown control route ${req.method} ${sub}` });
}

// ---------------------------------------------------------------- routing

function requireAuth(req, res, inst) {
  const auth = inst.authenticate(req);
  if (!auth) {
    req.resume();
    sendDavError(res, 401, 'NotAuthenticated', 'No public access to this resource., Username or password was incorrect',
      { 'WWW-Authenticate': 'Basic realm="Nextcloud", charset="UTF-8"' });
  }
  return auth;
}

async function route(req, res) {
  const url = new URL(req.url, 'http://x');
  let p = url.pathname;
  if (p.startsWith('/__test__/')) return handleControl(req, res, p.slice('/__test__'.length));

  let inst = instances.get('default');
  const im = /^\/i\/([a-z0-9-]+)(\/.*)?$/.exec(p);
  if (im && instances.has(im[1])) { inst = instances.get(im[1]); p = im[2] || '/'; }

  if (p === '/status.php') { req.resume(); return sendJson(res, 200, statusJson(inst)); }

  const maintenanceGuard = () => {
    if (!inst.maintenance) return false;
    req.resume();
    sendDavError(res, 503, 'ServiceUnavailable', 'System is in maintenance mode.');
    return true;
  };

  const ocs = /^\/ocs\/v([12])\.php(\/.*)$/.exec(p);
  if (ocs) {
    const version = Number(ocs[1]);
    if (inst.maintenance) { req.resume(); return sendOcs(req, res, 2, 503, [], 'Service unavailable'); }
    if (!requireOcsHeader(req, res)) { req.resume(); return; }
    if (ocs[2] === '/cloud/capabilities' && req.method === 'GET') { req.resume(); return sendOcs(req, res, version, 200, capabilities(!!inst.authenticate(req))); }
    if (ocs[2] === '/core/apppassword' && req.method === 'DELETE') {
      req.resume();
      const auth = inst.authenticate(req);
      if (!auth) return sendOcs(req, res, version, 401, [], 'Current user is not logged in');
      if (!auth.app) return sendOcs(req, res, version, 403, [], 'Only app passwords can be revoked this way');
      inst.appPasswords.delete(auth.app);
      return sendOcs(req, res, version, 200, []);
    }
    req.resume();
    return sendOcs(req, res, version, 404, [], 'Invalid query, please check the syntax. API specifications are here: http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.');
  }

  if (p === '/ocm-provider/' || p === '/ocm-provider' || p === '/index.php/ocm-provider') {
    req.resume();
    return sendJson(res, 200, ocmDiscovery(req, inst));
  }
  if (p === '/.well-known/ocm') { req.resume(); return sendJson(res, 404, { message: 'ocm not supported' }); }

  if (p === '/.well-known/webfinger' || p === '/index.php/.well-known/webfinger') {
    if (maintenanceGuard()) return;
    return handleWebfinger(req, res, inst);
  }

  const lf = /^\/index\.php\/login\/v2(\/.*)?$/.exec(p);
  if (lf) {
    if (maintenanceGuard()) return;
    return handleLoginFlow(req, res, inst, lf[1] || '');
  }

  const dav = /^\/remote\.php\/dav\/(files|uploads)\/([^/]+)(\/.*)?$/.exec(p);
  if (dav) {
    if (maintenanceGuard()) return;
    const auth = requireAuth(req, res, inst);
    if (!auth) return;
    let uid;
    try { uid = decodeURIComponent(dav[2]); } catch { return sendDavError(res, 400, 'BadRequest', 'Invalid user'); }
    const rest = dav[3] || '/';
    if (dav[1] === 'files') return handleFiles(req, res, inst, auth, uid, rest);
    return handleUploads(req, res, inst, auth, uid, rest);
  }

  req.resume();
  return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((e) => {
    console.error(`${req.method} ${req.url}: ${e.stack || e}`);
    if (!res.headersSent) sendDavError(res, 500, 'ServiceUnavailable', String(e.message || e));
    else res.end();
  });
});
server.requestTimeout = 0;
server.listen(port, '127.0.0.1', () => console.log(`test WebDAV (Nextcloud stand-in) on http://127.0.0.1:${port}`));
const shutdown = () => { server.close(() => process.exit(0)); server.closeAllConnections(); };
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
