// A Server-Sent Events subscription that survives a dropped connection.
//
// The browser's EventSource reconnects by itself and sends Last-Event-ID, so
// the hub replays what was missed. When the browser gives up (the hub answered
// with an error, e.g. 503 while it is full) this class opens a new EventSource
// after a back-off, naming the last id it saw with ?lastEventId=, so nothing
// is lost either way.

import { Backoff } from './Backoff.js';

const TRUNCATED = 'feedhub.truncated';

export class EventStream {
  #url;
  #handlers;
  #indicator;
  #onGap;
  #source = null;
  #lastEventId;
  #backoff = new Backoff();
  #reopenTimer = 0;
  #query;
  #stopped = false;
  #goOffline = () => this.#offline();
  #comeOnline = () => this.#reopenSoon(0);

  /**
   * url: the stream, e.g. '/events?topic=stocks'.
   * handlers: event type -> function(data, messageEvent), data parsed from JSON.
   * indicator: a ConnectionIndicator.
   * fromEventId: resume after this id on the first connection ('0' replays the history the hub holds).
   * onGap: called when the hub says events after our last id are no longer held.
   * query: returns more query parameters for each connection (a token that may have changed).
   */
  constructor(url, { handlers, indicator, fromEventId = null, onGap = () => {}, query = () => ({}) }) {
    this.#url = url;
    this.#query = query;
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
    this.#source?.close();
  }

  /** Closes the stream for good. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#reopenTimer);
    this.#source?.close();
  }

  // Nothing can arrive while the browser is offline; back online, it resumes at once.
  #offline() {
    clearTimeout(this.#reopenTimer);
    this.#source?.close();
    this.#indicator.set('offline', 'the browser is offline');
  }

  #open() {
    const url = new URL(this.#url, window.location.href);
    if (this.#lastEventId !== null) url.searchParams.set('lastEventId', this.#lastEventId);
    for (const [name, value] of Object.entries(this.#query())) url.searchParams.set(name, value);
    const source = new EventSource(url);
    // Asking for all history ('0') expects older events to be gone; any other
    // resume, or the browser's own reconnect, has lost something.
    const askedForAll = this.#lastEventId === '0';
    let opens = 0;
    this.#source = source;
    source.addEventListener('open', () => {
      opens += 1;
      this.#backoff.succeeded();
      this.#indicator.set('connected');
    });
    source.addEventListener('error', () => this.#failed(source));
    source.addEventListener(TRUNCATED, () => {
      if (!askedForAll || opens > 1) this.#onGap();
    });
    for (const [type, handler] of Object.entries(this.#handlers))
      source.addEventListener(type, (event) => this.#dispatch(event, handler));
  }

  #dispatch(event, handler) {
    if (event.lastEventId) this.#lastEventId = event.lastEventId;
    this.#indicator.received(event.lastEventId);
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
    this.#backoff.failed();
    if (source.readyState === EventSource.CLOSED) {
      const delay = this.#backoff.delay;
      this.#indicator.set(this.#backoff.state, `next try in ${Math.ceil(delay / 1000)} s`);
      this.#reopenSoon(delay);
    } else {
      this.#indicator.set(this.#backoff.state, 'the browser is reconnecting');
    }
  }

  #reopenSoon(delay) {
    if (this.#stopped) return;
    if (this.#source && this.#source.readyState === EventSource.OPEN) return;
    clearTimeout(this.#reopenTimer);
    this.#reopenTimer = setTimeout(() => {
      this.#source?.close();
      this.#open();
    }, delay);
  }
}
