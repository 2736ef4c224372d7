// A subscription over the hub's WebSocket (/ws, docs/websocket.md) with
// EventStream's contract: it reconnects after a back-off and subscribes with
// the last id it saw, so the hub replays what was missed.

import { ResumingStream, TRUNCATED } from './ResumingStream.js';

export class WebSocketStream extends ResumingStream {
  #topics;
  #socket = null;

  /**
   * topics: the topics to subscribe to, e.g. ['notifications'].
   * The options are ResumingStream's.
   */
  constructor(topics, options) {
    super(options);
    this.#topics = topics;
  }

  isConnected() {
    return this.#socket !== null;
  }

  close() {
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
  }

  open() {
    const url = new URL('/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    // Asking for all history ('0') expects older events to be gone.
    const askedForAll = this.lastEventId === '0';
    this.#socket = socket;
    socket.addEventListener('open', () => {
      const subscribe = { op: 'subscribe', topics: this.#topics, ref: 'subscribe' };
      if (this.lastEventId !== null) subscribe.lastEventId = this.lastEventId;
      socket.send(JSON.stringify(subscribe));
    });
    socket.addEventListener('message', (message) => {
      if (socket === this.#socket) this.#received(JSON.parse(message.data), askedForAll);
    });
    socket.addEventListener('close', () => this.#failed(socket));
  }

  #received(message, askedForAll) {
    if (message.ref === 'subscribe') {
      if (message.ok) {
        this.backoff.succeeded();
        this.indicator.set('connected');
      }
      return;
    }
    if (message.type === TRUNCATED) {
      if (!askedForAll) this.onGap();
      return;
    }
    if (message.topic === undefined) return;
    // A greeting (the hub's welcome) has no id and leaves the position as it is.
    if (message.id !== undefined) this.received(message.id);
    this.handlers[message.type]?.(message.data, message);
  }

  #failed(socket) {
    if (socket !== this.#socket || this.stopped) return;
    this.#socket = null;
    this.backoff.failed();
    this.retryLater();
  }
}
