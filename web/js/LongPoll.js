// HTTP long polling of one topic on the hub's GET /poll.
//
// Every request sends the cursor the previous answer gave (?since=), so the
// hub answers with everything after it, waiting up to the timeout for
// something new (204 if nothing came). The first request sends the cursor it
// was constructed with: '0' asks for all the history the hub holds, which it
// answers at once with the current cursor even when it holds nothing. On
// errors the loop keeps its cursor and backs off, so a hub that comes back
// replays what it still holds and nothing is lost.

import { Backoff } from './Backoff.js';

const WAIT_SECONDS = 25;
// A request the hub should have answered after WAIT_SECONDS is given up on
// after this much longer (a silently dropped network never closes it).
const GRACE_SECONDS = 10;

export class LongPoll {
  #topic;
  #indicator;
  #onEvent;
  #onGap;
  #cursor;
  #backoff = new Backoff();
  #wake = () => {};
  #abort = () => {};

  /**
   * topic: the topic to follow.
   * indicator: a ConnectionIndicator.
   * onEvent: function({topic, id, type, data, time}), data parsed from JSON when it is JSON.
   * fromCursor: where the first request starts ('0': all history held).
   * onGap: called when the hub no longer holds every event after our cursor.
   */
  constructor(topic, { indicator, onEvent, fromCursor = '0', onGap = () => {} }) {
    this.#topic = topic;
    this.#cursor = fromCursor;
    this.#indicator = indicator;
    this.#onEvent = onEvent;
    this.#onGap = onGap;
  }

  /** Polls forever. onReady runs once, after the first answer gave a cursor and before polling for more. */
  async run(onReady = async () => {}) {
    window.addEventListener('online', () => this.#wake());
    window.addEventListener('offline', () => this.#abort());
    let ready = false;
    for (;;) {
      try {
        await this.#poll();
        this.#backoff.succeeded();
        this.#indicator.set('connected');
        if (!ready) {
          await onReady();
          ready = true;
        }
      } catch (error) {
        this.#backoff.failed();
        const delay = this.#backoff.delay;
        this.#indicator.set(this.#backoff.state, `${error.message}; next try in ${Math.ceil(delay / 1000)} s`);
        await this.#sleep(delay);
      }
    }
  }

  async #poll() {
    const query = new URLSearchParams({ topic: this.#topic, since: this.#cursor, timeout: String(WAIT_SECONDS) });
    const request = new AbortController();
    this.#abort = () => request.abort(new Error('the browser is offline'));
    const timer = setTimeout(
      () => request.abort(new Error('the hub did not answer in time')),
      (WAIT_SECONDS + GRACE_SECONDS) * 1000,
    );
    let answer;
    try {
      const response = await fetch(`/poll?${query}`, { cache: 'no-store', signal: request.signal });
      if (response.status === 204) return;
      if (!response.ok) throw new Error(`the hub answered ${response.status}`);
      answer = await response.json();
    } finally {
      clearTimeout(timer);
    }
    if (answer.truncated && this.#cursor !== '0') this.#onGap();
    for (const event of answer.events) {
      this.#indicator.received(event.id);
      this.#onEvent({ ...event, data: parseMaybe(event.data) });
    }
    this.#cursor = answer.cursor;
  }

  #sleep(milliseconds) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function parseMaybe(data) {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
