// The task status panel: each task's status, version and time of change, kept
// current by long polling, with buttons that set a status through
// POST /update-status using the bearer token typed into the panel.

import { el, insertSorted, replayAnimation } from './dom.js';
import { requestJson } from './api.js';
import { timeOfDay } from './format.js';

const TOKEN_KEY = 'feedhub.taskToken';

export class TaskPanel {
  #tasks = new Map();
  #statuses = [];
  #list;
  #empty;
  #token;
  #result;

  constructor(section) {
    this.#list = section.querySelector('.task-list');
    this.#empty = section.querySelector('.task-empty');
    this.#token = section.querySelector('[name="token"]');
    this.#result = section.querySelector('.task-result');
    section.querySelector('.token-form').addEventListener('submit', (event) => event.preventDefault());
    this.#token.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
    this.#token.addEventListener('input', () => sessionStorage.setItem(TOKEN_KEY, this.#token.value));
  }

  /** Reads every task's current state from GET /api/tasks; a failure is shown in the panel. */
  async load() {
    let answer;
    try {
      answer = await requestJson('/api/tasks');
    } catch (error) {
      this.#show('error', `Could not read the tasks. ${error.message}`);
      return;
    }
    if (!answer.ok) {
      this.#show('error', `Could not read the tasks: ${answer.error}`);
      return;
    }
    if (Array.isArray(answer.body.statuses)) this.#statuses = answer.body.statuses.map(String);
    for (const task of answer.body.tasks ?? []) this.apply(task);
    for (const entry of this.#tasks.values()) this.#drawButtons(entry);
    this.#empty.textContent = 'The hub has no tasks yet.';
  }

  /** A task_status {task, status, version, time}; an older version than shown is ignored. */
  apply({ task, status, version, time }) {
    if (typeof task !== 'string' || task === '') return;
    let entry = this.#tasks.get(task);
    if (!entry) entry = this.#add(task);
    else if (Number(version) <= entry.version) return;
    entry.version = Number(version);
    entry.status = String(status);
    entry.badge.textContent = entry.status;
    entry.badge.dataset.status = entry.status;
    entry.row.dataset.status = entry.status;
    entry.meta.textContent = `version ${entry.version} · changed ${timeOfDay(time)}`;
    this.#drawButtons(entry);
    replayAnimation(entry.row, 'flash');
  }

  /** Events were lost (the hub restarted or dropped history): read every task again. */
  gap() {
    this.load();
  }

  #add(task) {
    const badge = el('span', { class: 'status-badge' });
    const meta = el('p', { class: 'task-meta' });
    const actions = el('div', { class: 'task-actions', role: 'group', 'aria-label': `Set the status of ${task}` });
    const row = el(
      'li',
      { class: 'task', dataset: { task } },
      el('div', { class: 'task-head' }, el('span', { class: 'task-name', text: task }), badge),
      meta,
      actions,
    );
    const entry = { task, status: '', version: -Infinity, row, badge, meta, actions };
    this.#tasks.set(task, entry);
    insertSorted(this.#list, row, (node) => node.dataset.task);
    this.#empty.hidden = true;
    return entry;
  }

  #drawButtons(entry) {
    const buttons = this.#statuses.map((status) =>
      el('button', {
        type: 'button',
        class: 'status-button',
        dataset: { status },
        'aria-pressed': String(status === entry.status),
        disabled: status === entry.status,
        text: status,
        onclick: () => this.#set(entry, status),
      }),
    );
    entry.actions.replaceChildren(...buttons);
  }

  async #set(entry, status) {
    const token = this.#token.value.trim();
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    for (const button of entry.actions.querySelectorAll('button')) button.disabled = true;
    this.#show('pending', `Setting ${entry.task} to ${status}…`);
    try {
      const answer = await requestJson('/update-status', {
        method: 'POST',
        body: { task: entry.task, status },
        headers,
      });
      if (answer.ok) this.#show('ok', `${entry.task} is now ${status}.`);
      else if (answer.status === 401)
        this.#show('error', `Not allowed: ${answer.error}. Enter the hub's bearer token above.`);
      else if (answer.status === 400) this.#show('error', `Refused: ${answer.error}`);
      else this.#show('error', `Not set: ${answer.error}`);
    } catch (error) {
      this.#show('error', error.message);
    } finally {
      this.#drawButtons(entry);
    }
  }

  #show(kind, text) {
    this.#result.dataset.kind = kind;
    this.#result.textContent = text;
  }
}
