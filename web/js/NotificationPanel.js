// The notifications panel: the newest 50 notifications first (an aria-live
// region), a toast for each, the subscriber count from the hub's welcome
// event, and a form that sends one through POST /api/notify.

import { count, timeOfDay } from './format.js';
import { el } from './dom.js';
import { requestJson } from './api.js';
import { HubToken } from './HubToken.js';

export const NOTIFICATION_TYPES = {
  notification: 'Notification',
  user_joined: 'User joined',
  message_received: 'Message received',
  system_alert: 'System alert',
  data_updated: 'Data updated',
};

const KEPT = 50;

// Notifications from before the page was opened (the history the stream
// replays first) are listed without a toast; the margin allows for a hub
// clock a little behind the browser's.
const OPENED_AT = Date.now();
const CLOCK_MARGIN_MS = 5000;

export class NotificationPanel {
  #list;
  #empty;
  #subscribers;
  #form;
  #result;
  #gapNote;
  #toasts;

  constructor(section, toasts) {
    this.#toasts = toasts;
    this.#list = section.querySelector('.notification-list');
    this.#empty = section.querySelector('.notification-empty');
    this.#subscribers = section.querySelector('.subscriber-count');
    this.#gapNote = section.querySelector('.gap-note');
    this.#form = section.querySelector('.notify-form');
    this.#result = section.querySelector('.notify-result');
    const typeSelect = this.#form.elements.type;
    for (const [type, label] of Object.entries(NOTIFICATION_TYPES))
      typeSelect.append(el('option', { value: type, text: label }));
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send();
    });
  }

  /** The hub's `connection` event: {clientId, subscribers}. */
  welcome({ clientId, subscribers }) {
    this.#showSubscribers(subscribers);
    this.#subscribers.title = clientId ? `This page is client ${clientId}` : '';
  }

  /** A notification: {type, message, data?, time}. */
  add(notification) {
    const type = String(notification.type ?? 'notification');
    const label = NOTIFICATION_TYPES[type] ?? type;
    const message = String(notification.message ?? '');
    const item = el(
      'li',
      { class: 'notification', dataset: { type } },
      el(
        'div',
        { class: 'notification-head' },
        el('span', { class: 'notification-type', text: label }),
        el('time', { class: 'notification-time', datetime: notification.time, text: timeOfDay(notification.time) }),
      ),
      el('p', { class: 'notification-message', text: message }),
      notification.data === undefined || notification.data === null
        ? null
        : el('code', { class: 'notification-data', text: JSON.stringify(notification.data) }),
    );
    this.#list.prepend(item);
    while (this.#list.children.length > KEPT) this.#list.lastElementChild.remove();
    this.#empty.hidden = true;
    const sentBeforeOpening = Date.parse(notification.time) < OPENED_AT - CLOCK_MARGIN_MS;
    if (!sentBeforeOpening) this.#toasts.show(type, label, message);
  }

  gap() {
    this.#gapNote.hidden = false;
  }

  async #send() {
    const button = this.#form.querySelector('button');
    const type = this.#form.elements.type.value;
    const message = this.#form.elements.message.value.trim();
    button.disabled = true;
    this.#show('pending', 'Sending…');
    try {
      // A packaged hub gives /api/notify a token of its own: it goes in the hub token field.
      const answer = await requestJson('/api/notify', {
        method: 'POST',
        body: { type, message },
        headers: HubToken.headers(),
      });
      if (answer.ok) {
        this.#show('ok', `Sent to ${count(Number(answer.body.sentTo) || 0, 'subscriber')}.`);
        this.#showSubscribers(answer.body.sentTo);
        this.#form.elements.message.value = '';
      } else {
        this.#show('error', `Not sent: ${answer.error}`);
      }
    } catch (error) {
      this.#show('error', error.message);
    } finally {
      button.disabled = false;
    }
  }

  /** From the welcome event, and again from each send's answer (it counts the same subscribers). */
  #showSubscribers(subscribers) {
    this.#subscribers.textContent = count(Number(subscribers) || 0, 'subscriber');
  }

  #show(kind, text) {
    this.#result.dataset.kind = kind;
    this.#result.textContent = text;
  }
}
