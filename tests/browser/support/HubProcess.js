// The real feedhub daemon for a browser test: started on a free port with a
// hub.ini made for the test, stopped and started again on the same port; a
// node of a cluster ([cluster] backend = redis, see RedisProcess) is ready
// once waitUntilHealthy() is through.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';

const STARTUP_MS = 15000;
const SHUTDOWN_MS = 10000;

/** A TCP port of loopback that nothing listens on. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export class HubProcess {
  #binary;
  #directory;
  #configPath;
  #child = null;
  #output = '';
  port = 0;

  /** binary: the feedhub executable; ini: the hub.ini text (its folder is available as {dir}). */
  constructor(binary, ini) {
    this.#binary = binary;
    this.#directory = mkdtempSync(path.join(os.tmpdir(), 'feedhub-browser-'));
    this.#configPath = path.join(this.#directory, 'hub.ini');
    writeFileSync(this.#configPath, ini.replaceAll('{dir}', this.#directory));
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running daemon's process id (0 when stopped). */
  get pid() {
    return this.#child?.pid ?? 0;
  }

  /** Everything the daemon printed, across restarts. */
  get log() {
    return this.#output;
  }

  /** Starts the daemon (on a free port the first time, the same port after) and waits until it listens. */
  async start() {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(this.#binary, ['--config', this.#configPath, '--port', String(this.port)], {
      cwd: this.#directory,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const from = this.#output.length;
    const listening = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`feedhub did not start in time:\n${this.#output}`)), STARTUP_MS);
      const read = (chunk) => {
        this.#output += chunk;
        if (/listening on port \d+/.test(this.#output.slice(from))) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.setEncoding('utf8').on('data', read);
      child.stderr.setEncoding('utf8').on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`feedhub exited with ${code}:\n${this.#output}`));
      });
    });
    await listening;
  }

  /** Waits until /healthz answers 200: a cluster node listens before it has reached Redis. */
  async waitUntilHealthy() {
    const deadline = Date.now() + STARTUP_MS;
    for (;;) {
      const response = await fetch(`${this.origin}/healthz`).catch(() => null);
      await response?.arrayBuffer();
      if (response?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`feedhub did not become healthy in time:\n${this.#output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGTERM, then waits for the exit (SIGKILL if it hangs). */
  async stop() {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_MS);
    await exited;
    clearTimeout(timer);
    this.#child = null;
  }

  async dispose() {
    await this.stop();
    rmSync(this.#directory, { recursive: true, force: true });
  }

  /** A JSON request to the hub: resolves to {status, body}. */
  async request(method, route, body, headers = {}) {
    const response = await fetch(this.origin + route, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
}
