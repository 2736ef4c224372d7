// One connection's badge in the header: its state (connecting, connected,
// reconnecting, offline) and how many events it has received.

import { count } from './format.js';

const LABELS = {
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting…',
  offline: 'offline',
};

export class ConnectionIndicator {
  #node;
  #stateText;
  #countText;
  #received = 0;

  constructor(node) {
    this.#node = node;
    this.#stateText = node.querySelector('.indicator-state');
    this.#countText = node.querySelector('.indicator-count');
    this.set('connecting');
    this.#showCount();
  }

  /** Shows a state; detail (e.g. the next retry) goes into the tooltip. */
  set(state, detail = '') {
    this.#node.dataset.state = state;
    this.#stateText.textContent = LABELS[state];
    this.#node.title = detail ? `${LABELS[state]}: ${detail}` : LABELS[state];
  }

  received(eventId) {
    this.#received += 1;
    this.#node.dataset.lastEventId = eventId ?? '';
    this.#showCount();
  }

  #showCount() {
    this.#countText.textContent = count(this.#received, 'event');
  }
}
