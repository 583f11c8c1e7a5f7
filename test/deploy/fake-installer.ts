/**
 * A loopback stand-in for a Roku in developer mode: the developer installer (HTTP digest auth,
 * MD5, qop=auth, user rokudev; `POST /plugin_install` multipart with `mysubmit` + `archive`)
 * answering with a device's HTML, and ECP (`/keypress/<key>`, `/launch/<id>`) on another port.
 * No device can exist in CI; this is what roku-deploy talks to in the tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startFakeInstaller}. */
export interface FakeInstallerOptions {
  /** The developer password the fake accepts. */
  password: string;
  /**
   * Answer installs with "Install Failure: Compilation Failed." (changeable later through
   * `installer.compileFailure`).
   * @default false
   */
  compileFailure?: boolean;
  /** Called for each ECP request after it is recorded (e.g. to start a fake console on launch). */
  onEcp?: (request: EcpRequest) => void;
}

/** One accepted (authenticated) installer request. */
export interface InstallRequest {
  /** `Replace`, `Install`, `Delete`, ... */
  mysubmit: string;
  /** The uploaded archive's bytes (empty for Delete). */
  archive: Buffer;
  /** Every other form field. */
  fields: Record<string, string>;
}

export interface EcpRequest {
  method: string;
  path: string;
}

export interface FakeInstaller {
  readonly host: '127.0.0.1';
  /** Port of the developer installer (a device's 80). */
  readonly packagePort: number;
  /** Port of ECP (a device's 8060). */
  readonly remotePort: number;
  /** Authenticated installer requests, in order. */
  readonly installs: InstallRequest[];
  /** Installer requests answered 401 with a bad or missing password (not counting the digest challenge round). */
  readonly rejectedAuth: number;
  readonly ecpRequests: EcpRequest[];
  compileFailure: boolean;
  close(): Promise<void>;
}

const REALM = 'rokudev';
const USER = 'rokudev';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** `Digest a="b", c=d` -> {a: "b", c: "d"}. */
function parseDigest(header: string): Record<string, string> | undefined {
  if (!/^Digest\s/i.test(header)) return undefined;
  const out: Record<string, string> = {};
  const re = /(\w+)=(?:"([^"]*)"|([^\s,]+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header.slice(7)))) out[m[1].toLowerCase()] = m[2] ?? m[3];
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The page a device answers an install with; roku-deploy reads the `JSON.parse('…')` messages. */
export function deviceHtml(messages: { type: 'info' | 'success' | 'error'; text: string }[]): string {
  const params = JSON.stringify({
    messages: messages.map((m) => ({ text: m.text, text_type: 'text', type: m.type })),
    metadata: { dev_id: 'fakefakefakefakefakefakefakefakefakefake', dev_key: true, voice_sdk: false },
    packages: [],
  });
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head><meta charset="utf-8"><title>Roku Development Kit</title></head>',
    '<body>',
    '<div id="root"></div>',
    '<script type="text/javascript">',
    `  var params = JSON.parse('${params.replace(/'/g, "\\'")}');`,
    '</script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Starts the fake on two free loopback ports. */
export async function startFakeInstaller(opts: FakeInstallerOptions): Promise<FakeInstaller> {
  const nonces = new Set<string>();
  const state = {
    installs: [] as InstallRequest[],
    rejectedAuth: 0,
    ecpRequests: [] as EcpRequest[],
    compileFailure: opts.compileFailure ?? false,
  };

  const challenge = (res: ServerResponse) => {
    const nonce = randomBytes(16).toString('hex');
    nonces.add(nonce);
    res.writeHead(401, {
      'WWW-Authenticate': `Digest qop="auth", realm="${REALM}", nonce="${nonce}"`,
      'Content-Type': 'text/html',
      Connection: 'close',
    });
    res.end('<html><body>401 Unauthorized</body></html>');
  };

  const authorized = (req: IncomingMessage): boolean => {
    const d = parseDigest(req.headers.authorization ?? '');
    if (!d || d.username !== USER || d.realm !== REALM || !nonces.has(d.nonce) || d.qop !== 'auth' || d.uri !== req.url) return false;
    const ha1 = md5(`${USER}:${REALM}:${opts.password}`);
    const ha2 = md5(`${req.method}:${d.uri}`);
    return d.response === md5(`${ha1}:${d.nonce}:${d.nc}:${d.cnonce}:auth:${ha2}`);
  };

  const installer = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/plugin_install') {
      res.writeHead(404, { Connection: 'close' }).end();
      return;
    }
    if (!req.headers.authorization) return challenge(res);
    if (!authorized(req)) {
      state.rejectedAuth++;
      return challenge(res);
    }
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
    const fields: Record<string, string> = {};
    let archive = Buffer.alloc(0);
    for (const [key, value] of form.entries()) {
      if (key === 'archive' && typeof value !== 'string') archive = Buffer.from(await value.arrayBuffer());
      else fields[key] = String(value);
    }
    const { mysubmit = '', ...rest } = fields;
    state.installs.push({ mysubmit, archive, fields: rest });

    const received = { type: 'info' as const, text: `Received ${archive.length} bytes.` };
    let messages: { type: 'info' | 'success' | 'error'; text: string }[];
    if (mysubmit === 'Delete') messages = [{ type: 'success', text: 'Delete Succeeded.' }];
    else if (state.compileFailure) messages = [received, { type: 'error', text: 'Install Failure: Compilation Failed.' }];
    else messages = [received, { type: 'success', text: 'Install Success.' }];
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' });
    res.end(deviceHtml(messages));
  });

  const ecp = createServer(async (req, res) => {
    await readBody(req);
    const request = { method: req.method ?? '', path: req.url ?? '' };
    state.ecpRequests.push(request);
    if (req.method === 'POST' && /^\/(keypress|keydown|keyup)\/\w+$|^\/launch\/\w+/.test(request.path)) {
      res.writeHead(200, { Connection: 'close' }).end();
      opts.onEcp?.(request);
    } else if (req.method === 'GET' && request.path === '/query/device-info') {
      res.writeHead(200, { 'Content-Type': 'text/xml', Connection: 'close' });
      res.end('<?xml version="1.0" encoding="UTF-8" ?>\n<device-info>\n<model-name>Fake Roku</model-name>\n<developer-enabled>true</developer-enabled>\n</device-info>\n');
      opts.onEcp?.(request);
    } else {
      res.writeHead(404, { Connection: 'close' }).end();
    }
  });

  const [packagePort, remotePort] = await Promise.all([listen(installer), listen(ecp)]);
  const close = (s: Server) => new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  });

  return {
    host: '127.0.0.1',
    packagePort,
    remotePort,
    get installs() {
      return state.installs;
    },
    get rejectedAuth() {
      return state.rejectedAuth;
    },
    get ecpRequests() {
      return state.ecpRequests;
    },
    get compileFailure() {
      return state.compileFailure;
    },
    set compileFailure(v: boolean) {
      state.compileFailure = v;
    },
    async close() {
      await Promise.all([close(installer), close(ecp)]);
    },
  };
}
