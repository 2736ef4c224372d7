// A Server-Sent Events subscription that survives a dropped connection.
//
// The browser's EventSource reconnects by itself and sends Last-Event-ID, so
// the hub replays what was missed. When the browser gives up (the hub answered
// with an error, e.g. 503 while it is full) this class opens a new EventSource
// after a back-off, naming the last id it saw with ?lastEventId=, so nothing
// is lost either way.

import { ResumingStream, TRUNCATED } from './ResumingStream.js';

export class EventStream extends ResumingStream {
  #url;
  #query;
  #source = null;

  /**
   * url: the stream, e.g. '/events?topic=stocks'.
   * query: returns more query parameters for each connection (a token that may have changed).
   * The other options are ResumingStream's.
   */
  constructor(url, { query = () => ({}), ...options }) {
    super(options);
    this.#url = url;
    this.#query = query;
  }

  isConnected() {
    return this.#source !== null && this.#source.readyState === EventSource.OPEN;
  }

  close() {
    this.#source?.close();
  }

  open() {
    const url = new URL(this.#url, window.location.href);
    if (this.lastEventId !== null) url.searchParams.set('lastEventId', this.lastEventId);
    for (const [name, value] of Object.entries(this.#query())) url.searchParams.set(name, value);
    const source = new EventSource(url);
    // Asking for all history ('0') expects older events to be gone; any other
    // resume, or the browser's own reconnect, has lost something.
    const askedForAll = this.lastEventId === '0';
    let opens = 0;
    this.#source = source;
    source.addEventListener('open', () => {
      opens += 1;
      this.backoff.succeeded();
      this.indicator.set('connected');
    });
    source.addEventListener('error', () => this.#failed(source));
    source.addEventListener(TRUNCATED, () => {
      if (!askedForAll || opens > 1) this.onGap();
    });
    for (const [type, handler] of Object.entries(this.handlers))
      source.addEventListener(type, (event) => this.#dispatch(event, handler));
  }

  #dispatch(event, handler) {
    this.received(event.lastEventId);
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      data = event.data;
    }
    handler(data, event);
  }

  #failed(source) {
    if (source !== this.#source) return;
    this.backoff.failed();
    if (source.readyState === EventSource.CLOSED) this.retryLater();
    else this.indicator.set(this.backoff.state, 'the browser is reconnecting');
  }
}
