// A small SVG line of the last prices of one symbol, drawn by the page.

import { direction, price } from './format.js';
import { svg } from './dom.js';

const WIDTH = 100;
const HEIGHT = 32;
const MARGIN = 3;

export class Sparkline {
  #capacity;
  #prices = [];
  #element;
  #line;
  #area;

  constructor(capacity = 30) {
    this.#capacity = capacity;
    this.#area = svg('path', { class: 'sparkline-area' });
    this.#line = svg('polyline', { class: 'sparkline-line', 'vector-effect': 'non-scaling-stroke' });
    this.#element = svg(
      'svg',
      { class: 'sparkline', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img' },
      this.#area,
      this.#line,
    );
    this.#draw();
  }

  get element() {
    return this.#element;
  }

  add(value) {
    this.#prices.push(Number(value));
    if (this.#prices.length > this.#capacity) this.#prices.shift();
    this.#draw();
  }

  #draw() {
    const prices = this.#prices;
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    const span = high - low;
    const step = prices.length > 1 ? WIDTH / (prices.length - 1) : 0;
    const points = prices.map((value, index) => {
      const y = span > 0 ? MARGIN + ((high - value) / span) * (HEIGHT - 2 * MARGIN) : HEIGHT / 2;
      return [prices.length > 1 ? index * step : WIDTH, y];
    });
    const text = points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
    this.#line.setAttribute('points', text);
    const outline = `M0,${HEIGHT} L${text.replaceAll(' ', ' L')} L${WIDTH},${HEIGHT} Z`;
    this.#area.setAttribute('d', points.length > 1 ? outline : '');
    this.#element.dataset.points = String(prices.length);
    this.#element.dataset.trend = prices.length > 1 ? direction(prices.at(-1) - prices[0]) : 'flat';
    this.#element.setAttribute(
      'aria-label',
      prices.length
        ? `Last ${prices.length} prices, from ${price(prices[0])} to ${price(prices.at(-1))}`
        : 'No prices yet',
    );
  }
}
