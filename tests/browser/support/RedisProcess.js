// A redis-server of a test's own: on a free port of loopback, nothing saved,
// stopped by the test (and killed if the test process exits first).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './HubProcess.js';

const STARTUP_MS = 10000;
const REDIS = process.env.FEEDHUB_REDIS_SERVER || 'redis-server';

export class RedisProcess {
  #child = null;
  #output = '';
  #killOnExit = () => this.#child?.kill('SIGKILL');
  port = 0;

  get url() {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Starts redis-server and waits until it accepts connections. */
  async start() {
    this.port = await freePort();
    const child = spawn(
      REDIS,
      ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#child = child;
    process.once('exit', this.#killOnExit);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start in time:\n${this.#output}`)), STARTUP_MS);
      const read = (chunk) => {
        this.#output += chunk;
        if (this.#output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.setEncoding('utf8').on('data', read);
      child.stderr.setEncoding('utf8').on('data', read);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${REDIS} could not be started (scripts/install-deps test installs it): ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${this.#output}`));
      });
    });
  }

  /** SIGTERM, and waits for the exit. */
  async stop() {
    const child = this.#child;
    process.removeListener('exit', this.#killOnExit);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    this.#child = null;
  }
}
