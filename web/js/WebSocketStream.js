// A subscription over the hub's WebSocket (/ws, docs/websocket.md) with
// EventStream's contract: it reconnects after a back-off and subscribes with
// the last id it saw, so the hub replays what was missed.

import { Backoff } from './Backoff.js';

const TRUNCATED = 'feedhub.truncated';

export class WebSocketStream {
  #topics;
  #handlers;
  #indicator;
  #onGap;
  #socket = null;
  #lastEventId;
  #backoff = new Backoff();
  #reopenTimer = 0;
  #stopped = false;
  #goOffline = () => this.#offline();
  #comeOnline = () => this.#reopenSoon(0);

  /**
   * topics: the topics to subscribe to, e.g. ['notifications'].
   * handlers: event type -> function(data, event), data as published (JSON parsed).
   * indicator: a ConnectionIndicator.
   * fromEventId: resume after this id on the first connection ('0' replays the history the hub holds).
   * onGap: called when the hub says events after our last id are no longer held.
   */
  constructor(topics, { handlers, indicator, fromEventId = null, onGap = () => {} }) {
    this.#topics = topics;
    this.#handlers = handlers;
    this.#indicator = indicator;
    this.#lastEventId = fromEventId;
    this.#onGap = onGap;
  }

  /** The id of the last event received (null before the first). */
  get lastEventId() {
    return this.#lastEventId;
  }

  start() {
    this.#open();
    window.addEventListener('offline', this.#goOffline);
    window.addEventListener('online', this.#comeOnline);
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#reopenTimer);
    window.removeEventListener('offline', this.#goOffline);
    window.removeEventListener('online', this.#comeOnline);
    this.#socket?.close();
    this.#socket = null;
  }

  // Nothing can arrive while the browser is offline; back online, it resumes at once.
  #offline() {
    clearTimeout(this.#reopenTimer);
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
    this.#indicator.set('offline', 'the browser is offline');
  }

  #open() {
    const url = new URL('/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    // Asking for all history ('0') expects older events to be gone.
    const askedForAll = this.#lastEventId === '0';
    this.#socket = socket;
    socket.addEventListener('open', () => {
      const subscribe = { op: 'subscribe', topics: this.#topics, ref: 'subscribe' };
      if (this.#lastEventId !== null) subscribe.lastEventId = this.#lastEventId;
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
        this.#backoff.succeeded();
        this.#indicator.set('connected');
      }
      return;
    }
    if (message.type === TRUNCATED) {
      if (!askedForAll) this.#onGap();
      return;
    }
    if (message.topic === undefined) return;
    // A greeting (the hub's welcome) has no id and leaves the position as it is.
    if (message.id !== undefined) {
      this.#lastEventId = message.id;
      this.#indicator.received(message.id);
    }
    this.#handlers[message.type]?.(message.data, message);
  }

  #failed(socket) {
    if (socket !== this.#socket || this.#stopped) return;
    this.#socket = null;
    this.#backoff.failed();
    const delay = this.#backoff.delay;
    this.#indicator.set(this.#backoff.state, `next try in ${Math.ceil(delay / 1000)} s`);
    this.#reopenSoon(delay);
  }

  #reopenSoon(delay) {
    if (this.#stopped || this.#socket) return;
    clearTimeout(this.#reopenTimer);
    this.#reopenTimer = setTimeout(() => this.#open(), delay);
  }
}
