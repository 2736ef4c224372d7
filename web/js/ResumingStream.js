// What EventStream (SSE) and WebSocketStream share: the last id seen, which
// the next connection resumes from; a back-off before reconnecting; and
// staying closed while the browser is offline, reopening at once when it is
// back. A subclass opens and closes its own kind of connection.

import { Backoff } from './Backoff.js';

export const TRUNCATED = 'feedhub.truncated';

export class ResumingStream {
  #lastEventId;
  #reopenTimer = 0;
  #stopped = false;
  #goOffline = () => this.#offline();
  #comeOnline = () => this.reopenSoon(0);

  /**
   * handlers: event type -> function(data, event), data parsed from JSON.
   * indicator: a ConnectionIndicator.
   * fromEventId: resume after this id on the first connection ('0' replays the history the hub holds).
   * onGap: called when the hub says events after our last id are no longer held.
   */
  constructor({ handlers, indicator, fromEventId = null, onGap = () => {} }) {
    this.handlers = handlers;
    this.indicator = indicator;
    this.onGap = onGap;
    this.backoff = new Backoff();
    this.#lastEventId = fromEventId;
  }

  /** The id of the last event received (null before the first). */
  get lastEventId() {
    return this.#lastEventId;
  }

  get stopped() {
    return this.#stopped;
  }

  start() {
    this.open();
    window.addEventListener('offline', this.#goOffline);
    window.addEventListener('online', this.#comeOnline);
  }

  /** Closes the stream for good. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#reopenTimer);
    window.removeEventListener('offline', this.#goOffline);
    window.removeEventListener('online', this.#comeOnline);
    this.close();
  }

  /** Notes an event as received; one with an id is where the next connection resumes. */
  received(id) {
    if (id) this.#lastEventId = id;
    this.indicator.received(id);
  }

  /** After a connection failed for good: waits the back-off, saying so, then reopens. */
  retryLater() {
    const delay = this.backoff.delay;
    this.indicator.set(this.backoff.state, `next try in ${Math.ceil(delay / 1000)} s`);
    this.reopenSoon(delay);
  }

  /** Reopens after delay ms, unless stopped or connected. */
  reopenSoon(delay) {
    if (this.#stopped || this.isConnected()) return;
    clearTimeout(this.#reopenTimer);
    this.#reopenTimer = setTimeout(() => {
      this.close();
      this.open();
    }, delay);
  }

  // Nothing can arrive while the browser is offline.
  #offline() {
    clearTimeout(this.#reopenTimer);
    this.close();
    this.indicator.set('offline', 'the browser is offline');
  }
}
