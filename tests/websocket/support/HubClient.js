// A WebSocket client of the hub (node's ws package) that queues what the hub
// sends, so a test can wait for the next message it expects.

import WebSocket from 'ws';
import { once } from 'node:events';

const WAIT_MS = 5000;

export class HubClient {
  socket;
  closedWith = 0;
  error = null;
  messages = [];
  pings = 0;
  #waiters = [];
  #nextRef = 1;

  /** Opens ws://host/ws; options go to ws (e.g. autoPong: false). */
  static async open(origin, options = {}) {
    const client = new HubClient();
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, options);
    client.socket = socket;
    socket.on('message', (data, isBinary) => {
      client.messages.push(JSON.parse(isBinary ? data : data.toString('utf8')));
      client.#wake();
    });
    socket.on('ping', () => {
      client.pings += 1;
      client.#wake();
    });
    // A connection the hub drops mid-frame is an error to ws, and a close.
    socket.on('error', (error) => {
      client.error = error;
    });
    socket.on('close', (code) => {
      client.closedWith = code;
      client.#wake();
    });
    await once(socket, 'open');
    return client;
  }

  get closed() {
    return this.socket.readyState === WebSocket.CLOSED;
  }

  /** Sends a message with a fresh ref and resolves to the hub's answer to it. */
  async ask(message) {
    const ref = `r${this.#nextRef++}`;
    this.socket.send(JSON.stringify({ ...message, ref }));
    return this.take((each) => each.ref === ref);
  }

  /** Removes and returns the first queued message that matches, waiting for it if need be. */
  async take(matches = () => true, timeout = WAIT_MS) {
    await this.until(() => this.messages.some(matches), timeout, 'a message that never came');
    return this.messages.splice(this.messages.findIndex(matches), 1)[0];
  }

  /** The next n events (messages with a topic), in order. */
  async events(n, timeout = WAIT_MS) {
    const taken = [];
    while (taken.length < n) taken.push(await this.take((each) => each.topic !== undefined, timeout));
    return taken;
  }

  /** Resolves once condition() holds, checked whenever something arrives. */
  async until(condition, timeout = WAIT_MS, what = 'a condition that never held') {
    const deadline = Date.now() + timeout;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; queued: ${JSON.stringify(this.messages)}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves to the close code the hub sent (1006 if it sent none). */
  async closeCode(timeout = WAIT_MS) {
    await this.until(() => this.closed, timeout, 'the hub to close the connection');
    return this.closedWith;
  }

  close() {
    this.socket.terminate();
  }

  #wake() {
    const waiters = this.#waiters.splice(0);
    for (const wake of waiters) wake();
  }
}
