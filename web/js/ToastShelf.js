// Short-lived cards in a corner of the screen, one per notification.
// They repeat what the notification list (an aria-live region) announces, so
// they are hidden from assistive technology.

import { el } from './dom.js';

const SHOWN_MS = 5000;
const MOST_AT_ONCE = 3;

export class ToastShelf {
  #shelf;

  constructor(shelf) {
    this.#shelf = shelf;
  }

  show(kind, title, text) {
    const toast = el(
      'div',
      { class: 'toast', dataset: { kind } },
      el('strong', { class: 'toast-title', text: title }),
      el('span', { class: 'toast-text', text }),
    );
    this.#shelf.prepend(toast);
    while (this.#shelf.children.length > MOST_AT_ONCE) this.#shelf.lastElementChild.remove();
    setTimeout(() => {
      toast.classList.add('toast-leaving');
      toast.addEventListener('animationend', () => toast.remove(), { once: true });
    }, SHOWN_MS);
  }
}
