// Counts failed connection attempts and says how long to wait before the next
// one, and whether the link should be called reconnecting or offline.

const FIRST_DELAY_MS = 500;
const LONGEST_DELAY_MS = 15000;
const OFFLINE_AFTER_FAILURES = 4;

export class Backoff {
  #failures = 0;

  failed() {
    this.#failures += 1;
  }

  succeeded() {
    this.#failures = 0;
  }

  get failures() {
    return this.#failures;
  }

  /** Milliseconds to wait: doubling from half a second up to 15 s, with jitter so pages spread out. */
  get delay() {
    const plain = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, this.#failures - 1), LONGEST_DELAY_MS);
    return Math.round(plain * (0.8 + Math.random() * 0.4));
  }

  /** 'offline' once the browser says so or several attempts in a row failed, else 'reconnecting'. */
  get state() {
    return !navigator.onLine || this.#failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting';
  }
}
