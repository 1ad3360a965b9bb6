// The one way the integration and browser tests start smsinfo: the real binary
// (SMSINFO_BIN, default build/ci/smsinfo) serving a fresh data folder on a free loopback port.
// A missing binary is an error, never a skipped test.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const bin = process.env.SMSINFO_BIN || path.join(root, 'build', 'ci', 'smsinfo');

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Runs the CLI to completion: { status, stdout, stderr }.
export function runCli(args, { input } = {}) {
  assert.ok(fs.existsSync(bin), `no smsinfo binary at ${bin} (set SMSINFO_BIN)`);
  const r = spawnSync(bin, args, { encoding: 'utf8', input, timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Polls `check` until it returns something truthy; fails after `ms`.
export async function eventually(check, what, ms = 60000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const DEFAULT_GATEWAY = '[[gateway]]\nname = "sim"\ntype = "simulator"\nreceipt_delay_ms = 50\n';

// Starts `smsinfo serve` on a fresh data folder. Options:
//   toml     - extra config appended after [server]/[dispatch]/[log]
//   gateway  - the [[gateway]] blocks (default: a simulator with 50 ms receipts)
//   uiDir    - server.ui_dir
//   dataDir  - reuse a data folder (e.g. after `smsinfo init`); it is kept on stop
//   serveArgs - extra arguments of `smsinfo serve` (e.g. ['--setup-in-browser'])
// Resolves with { url, token, password, username, dataDir, api, request, stop, output }.
export async function startSmsinfo(options = {}) {
  assert.ok(fs.existsSync(bin), `no smsinfo binary at ${bin} (set SMSINFO_BIN)`);
  const ownData = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'smsinfo-it-'));
  const port = await freePort();
  const uiLine = options.uiDir ? `ui_dir = "${options.uiDir}"\n` : '';
  const config =
    `[server]\nlisten = "127.0.0.1:${port}"\n${uiLine}` +
    `[dispatch]\nidle_poll_ms = 50\nretry_base_s = 1\n[log]\nlevel = "warn"\n` +
    (options.toml ?? '') +
    (options.gateway ?? DEFAULT_GATEWAY);
  fs.writeFileSync(path.join(dataDir, 'smsinfo.toml'), config);
  const child = spawn(bin, ['--data', dataDir, 'serve', ...(options.serveArgs ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`smsinfo did not start:\n${output}`)), 30000);
    child.stdout.on('data', (d) => {
      output += d;
      const url = /serving on (http:\/\/\S+)/.exec(output);
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url: url[1],
        token: /token: (\S+)/.exec(output)?.[1] ?? options.token,
        password: /password: (\S+)/.exec(output)?.[1],
        username: /user: (\S+)/.exec(output)?.[1],
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`smsinfo exited with ${code}:\n${output}`));
    });
  });

  // A raw request: resolves with { status, body (parsed JSON or text), headers }.
  async function request(method, route, body, { token = ready.token, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(ready.url + route, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed = text;
    if ((res.headers.get('content-type') || '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  return {
    ...ready,
    dataDir,
    output: () => output,
    request,
    // A request that must succeed; resolves with the parsed body.
    async api(method, route, body, opts) {
      const res = await request(method, route, body, opts);
      assert.ok(res.status >= 200 && res.status < 300, `${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
