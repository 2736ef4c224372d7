// The stocks panel: a card per symbol, kept in symbol order, and a filter by
// symbol and minimum price.

import { StockCard } from './StockCard.js';
import { count } from './format.js';
import { insertSorted } from './dom.js';

export class StockPanel {
  #cards = new Map();
  #grid;
  #symbolFilter;
  #minimumPrice;
  #summary;

  constructor(section) {
    this.#grid = section.querySelector('.stock-grid');
    this.#symbolFilter = section.querySelector('[name="symbol"]');
    this.#minimumPrice = section.querySelector('[name="min-price"]');
    this.#summary = section.querySelector('.stock-summary');
    section.querySelector('.stock-filter').addEventListener('submit', (event) => event.preventDefault());
    for (const input of [this.#symbolFilter, this.#minimumPrice])
      input.addEventListener('input', () => this.#filterAll());
    this.#showSummary();
  }

  update(quote) {
    const card = this.#cardFor(quote.symbol);
    if (!card) return;
    card.update(quote);
    this.#filter(card);
    this.#showSummary();
  }

  alert(alert) {
    this.#cardFor(alert.symbol)?.alert(alert);
  }

  #cardFor(symbol) {
    if (typeof symbol !== 'string' || symbol === '') return null;
    let card = this.#cards.get(symbol);
    if (!card) {
      card = new StockCard(symbol);
      this.#cards.set(symbol, card);
      insertSorted(this.#grid, card.element, (node) => node.dataset.symbol);
    }
    return card;
  }

  #filterAll() {
    for (const card of this.#cards.values()) this.#filter(card);
    this.#showSummary();
  }

  #filter(card) {
    const wanted = this.#symbolFilter.value.trim().toUpperCase();
    const minimum = this.#minimumPrice.valueAsNumber;
    const symbol = card.element.dataset.symbol.toUpperCase();
    card.element.hidden = (wanted !== '' && !symbol.includes(wanted)) || (minimum > 0 && card.price < minimum);
  }

  #showSummary() {
    const total = this.#cards.size;
    const shown = [...this.#cards.values()].filter((card) => !card.element.hidden).length;
    if (total === 0) this.#summary.textContent = 'Waiting for the first quotes…';
    else if (shown === total) this.#summary.textContent = count(total, 'symbol');
    else if (shown === 0) this.#summary.textContent = `No symbol matches the filter (${count(total, 'symbol')} hidden)`;
    else this.#summary.textContent = `${shown} of ${count(total, 'symbol')} shown`;
  }
}
