// A topic the hub may keep private ([auth] private_topics): watched over SSE
// with the pasted hub token, and published to with it.

import { requestJson } from './api.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { el } from './dom.js';
import { EventStream } from './EventStream.js';
import { HubToken } from './HubToken.js';
import { timeOfDay } from './format.js';

const KEPT = 50;

export class PrivateTopicPanel {
  #section;
  #indicator = null;
  #list;
  #result;
  #stream = null;

  /** section: the panel's element. */
  constructor(section) {
    this.#section = section;
    this.#list = section.querySelector('.private-list');
    this.#result = section.querySelector('.private-result');
    const tokenInput = section.querySelector('.hub-token-form [name="hub-token"]');
    tokenInput.value = HubToken.get();
    tokenInput.addEventListener('input', () => HubToken.set(tokenInput.value));
    section.querySelector('.hub-token-form').addEventListener('submit', (event) => event.preventDefault());
    section.querySelector('.watch-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#watch(event.target.elements.topic.value.trim());
    });
    section.querySelector('.private-publish-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#publish(event.target.elements.message);
    });
  }

  get #topic() {
    return this.#section.querySelector('.watch-form [name="topic"]').value.trim();
  }

  async #watch(topic) {
    if (!topic) return;
    this.#stream?.stop();
    this.#stream = null;
    // EventSource cannot tell why it was refused: a poll that returns at once asks first.
    this.#show('pending', `Checking access to ${topic}…`);
    let check;
    try {
      check = await requestJson(`/poll?topic=${encodeURIComponent(topic)}&timeout=0`, { headers: HubToken.headers() });
    } catch (error) {
      this.#show('error', error.message);
      return;
    }
    if (check.status === 401 || check.status === 403) {
      this.#show('error', `Not allowed: ${check.error}. Paste a hub token above.`);
      return;
    }
    this.#show('ok', `Watching ${topic}.`);
    this.#indicator ??= new ConnectionIndicator(this.#section.querySelector('.watch-state'));
    // The token is read on every (re)connect: after it expires the hub closes
    // the stream, and the next connection carries the token pasted since.
    this.#stream = new EventStream(`/events?topic=${encodeURIComponent(topic)}`, {
      indicator: this.#indicator,
      query: () => (HubToken.get() ? { token: HubToken.get() } : {}),
      handlers: { message: (data) => this.#add(data) },
    });
    this.#stream.start();
  }

  async #publish(input) {
    const topic = this.#topic;
    if (!topic) {
      this.#show('error', 'Name the topic first.');
      return;
    }
    try {
      const answer = await requestJson('/publish', {
        method: 'POST',
        body: { topic, data: input.value },
        headers: HubToken.headers(),
      });
      if (answer.ok) {
        this.#show('ok', `Published to ${topic}.`);
        input.value = '';
      } else {
        this.#show('error', `Not published: ${answer.error}`);
      }
    } catch (error) {
      this.#show('error', error.message);
    }
  }

  #add(data) {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    const now = new Date().toISOString();
    this.#list.prepend(
      el(
        'li',
        { class: 'private-event' },
        el('time', { datetime: now, text: timeOfDay(now) }),
        ' ',
        el('span', { class: 'private-data', text }),
      ),
    );
    while (this.#list.children.length > KEPT) this.#list.lastElementChild.remove();
  }

  #show(kind, text) {
    this.#result.dataset.kind = kind;
    this.#result.textContent = text;
  }
}
