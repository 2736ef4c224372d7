// One symbol's card: price, change and percent coloured by direction, a
// sparkline of the last quotes, a flash on each update and the last market
// alert.

import { direction, price, signed, timeOfDay } from './format.js';
import { el, replayAnimation } from './dom.js';
import { Sparkline } from './Sparkline.js';

const ARROWS = { up: '▲', down: '▼', flat: '■' };

export class StockCard {
  #element;
  #price = 0;
  #priceText;
  #arrow;
  #changeText;
  #percentText;
  #updated;
  #alert;
  #sparkline = new Sparkline(30);

  constructor(symbol) {
    this.#priceText = el('p', { class: 'stock-price', text: '—' });
    this.#arrow = el('span', { class: 'stock-arrow', 'aria-hidden': 'true', text: ARROWS.flat });
    this.#changeText = el('span', { class: 'stock-change-amount' });
    this.#percentText = el('span', { class: 'stock-change-percent' });
    this.#updated = el('p', { class: 'stock-updated' });
    this.#alert = el('p', { class: 'stock-alert', role: 'note', hidden: true });
    this.#element = el(
      'article',
      { class: 'stock-card', dataset: { symbol, direction: 'flat' }, 'aria-label': symbol },
      el('h3', { class: 'stock-symbol', text: symbol }),
      this.#priceText,
      el(
        'p',
        { class: 'stock-change', title: 'Change since the previous quote' },
        this.#arrow,
        this.#changeText,
        ' ',
        this.#percentText,
      ),
      this.#sparkline.element,
      this.#alert,
      this.#updated,
    );
  }

  get element() {
    return this.#element;
  }

  get price() {
    return this.#price;
  }

  /** A stock_update: {symbol, price, change, changePercent, time}. */
  update(quote) {
    const way = direction(quote.change);
    this.#price = Number(quote.price);
    this.#element.dataset.direction = way;
    this.#priceText.textContent = price(quote.price);
    this.#arrow.textContent = ARROWS[way];
    this.#changeText.textContent = signed(quote.change);
    this.#percentText.textContent = `(${signed(quote.changePercent)}%)`;
    this.#updated.textContent = `Updated ${timeOfDay(quote.time)}`;
    this.#sparkline.add(quote.price);
    replayAnimation(this.#element, 'flash');
  }

  /** A market_alert: {symbol, price, changePercent, open, time}. */
  alert(alert) {
    this.#alert.hidden = false;
    this.#alert.dataset.direction = direction(alert.changePercent);
    this.#alert.textContent = `Market alert: ${signed(alert.changePercent)}% vs open ${price(alert.open)}`;
    this.#alert.title = `${price(alert.price)} at ${timeOfDay(alert.time)}`;
    replayAnimation(this.#alert, 'flash-alert');
  }
}
