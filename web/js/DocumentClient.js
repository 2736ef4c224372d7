// One shared document of the hub's collab feed, as this page edits it.
//
// Local edits apply at once; at most one change is in flight to the hub
// (POST /api/docs/<name>, made to the last version this page saw) and what is
// typed meanwhile is buffered into the next one. The hubs publish every change
// applied on doc.<name> with its version; this page applies them in version
// order (hubs of a cluster that made two versions at once may publish them in
// either order, so one that arrives ahead waits up to AHEAD_WAIT_MS for the
// ones before it). This page's own comes back with its client id (the
// acknowledgement), the others' are transformed against what is in flight and
// buffered before they apply here, as the hub transformed ours against theirs.
// So every page ends with the hub's text.

import { requestJson } from './api.js';
import { EventStream } from './EventStream.js';
import { TextOperation, codePoints } from './TextOperation.js';

// How long a change that arrived ahead of the next version waits for it before the text is loaded again.
const AHEAD_WAIT_MS = 1000;

export class DocumentClient {
  #name;
  #author;
  // getRandomValues, not randomUUID: pages served over plain http have only the former.
  #client = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  #chars = [];
  #version = -1; // -1 until the text is loaded
  #inFlight = null;
  #buffer = null;
  #early = [];
  #ahead = new Map(); // version -> change that arrived before the one it follows
  #aheadTimer = null;
  #stream;
  #onText;
  #onAuthor;
  #onError;

  /**
   * name: the document; author: the name others see.
   * onText(text, change): the text changed by others (change: the TextOperation applied).
   * onAuthor(author, time): someone else changed the document.
   * onError(message): something went wrong and the text was loaded again.
   */
  constructor(name, { author, indicator, onText, onAuthor = () => {}, onError = () => {} }) {
    this.#name = name;
    this.#author = author;
    this.#onText = onText;
    this.#onAuthor = onAuthor;
    this.#onError = onError;
    this.#stream = new EventStream(`/events?topic=doc.${encodeURIComponent(name)}`, {
      indicator,
      handlers: { change: (data) => this.#received(data) },
    });
  }

  get text() {
    return this.#chars.join('');
  }

  get version() {
    return this.#version;
  }

  set author(author) {
    this.#author = author;
  }

  /** Subscribes, then loads the text; changes arriving meanwhile wait for it. */
  async start() {
    this.#stream.start();
    await this.#load();
  }

  stop() {
    this.#stream.stop();
    this.#stopWaiting();
  }

  /** The page's text changed from what it was to text. */
  edited(text) {
    if (this.#version < 0) return;
    const change = diff(this.#chars, codePoints(text));
    if (change.parts.length === 0 || (change.parts.length === 1 && 'retain' in change.parts[0])) return;
    this.#chars = change.apply(this.#chars);
    if (this.#inFlight) this.#buffer = this.#buffer ? TextOperation.compose(this.#buffer, change) : change;
    else this.#send(change);
  }

  async #load() {
    const answer = await requestJson(`/api/docs/${encodeURIComponent(this.#name)}`);
    if (!answer.ok) {
      this.#onError(answer.error);
      return;
    }
    this.#reset(answer.body.text, answer.body.version);
  }

  #reset(text, version) {
    this.#chars = codePoints(text);
    this.#version = version;
    this.#inFlight = null;
    this.#buffer = null;
    this.#onText(this.text, null);
    const early = [...this.#early, ...this.#ahead.values()]
      .filter((data) => data.version > version)
      .sort((a, b) => a.version - b.version);
    this.#early = [];
    this.#ahead.clear();
    this.#stopWaiting();
    for (const data of early) this.#received(data);
  }

  async #send(change) {
    this.#inFlight = change;
    const answer = await requestJson(`/api/docs/${encodeURIComponent(this.#name)}`, {
      method: 'POST',
      body: { base: this.#version, ops: change.toEdits(), client: this.#client, author: this.#author },
    });
    if (answer.ok) return; // applied: the stream brings it back in its place
    if (answer.status === 409) this.#reset(answer.body.text, answer.body.version);
    else await this.#load();
    this.#onError(`an edit was not taken (${answer.error}); the text was loaded again`);
  }

  #received(data) {
    if (this.#version < 0) {
      this.#early.push(data);
      return;
    }
    if (data.version <= this.#version) return;
    if (data.version > this.#version + 1) {
      this.#ahead.set(data.version, data);
      this.#aheadTimer ??= setTimeout(() => this.#missed(), AHEAD_WAIT_MS);
      return;
    }
    this.#apply(data);
    for (let next = this.#ahead.get(this.#version + 1); next; next = this.#ahead.get(this.#version + 1)) {
      this.#ahead.delete(next.version);
      this.#apply(next);
    }
    // Still a gap: the wait starts again for the next missing version.
    this.#stopWaiting();
    if (this.#ahead.size > 0) this.#aheadTimer = setTimeout(() => this.#missed(), AHEAD_WAIT_MS);
  }

  #missed() {
    this.#aheadTimer = null;
    this.#onError('changes were missed; the text was loaded again');
    this.#load();
  }

  #stopWaiting() {
    clearTimeout(this.#aheadTimer);
    this.#aheadTimer = null;
  }

  /** Applies the change that makes the next version. */
  #apply(data) {
    this.#version = data.version;
    if (data.client === this.#client && this.#inFlight) {
      const next = this.#buffer;
      this.#inFlight = null;
      this.#buffer = null;
      if (next) this.#send(next);
      return;
    }
    let change = TextOperation.fromEdits(data.ops, this.#inFlight?.baseLength ?? this.#chars.length);
    if (this.#inFlight) [change, this.#inFlight] = TextOperation.transform(change, this.#inFlight);
    if (this.#buffer) [change, this.#buffer] = TextOperation.transform(change, this.#buffer);
    this.#chars = change.apply(this.#chars);
    if (data.author) this.#onAuthor(data.author, data.time);
    this.#onText(this.text, change);
  }
}

/** The change from before to after (arrays of code points): one replaced stretch. */
function diff(before, after) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end += 1;
  return new TextOperation()
    .retain(start)
    .remove(before.length - start - end)
    .insert(after.slice(start, after.length - end))
    .retain(end);
}

/** Where position index of the text goes when change applies to it. */
export function movedIndex(change, index) {
  let at = 0;
  let moved = index;
  for (const part of change.parts) {
    if (at > index) break;
    if ('retain' in part) at += part.retain;
    else if ('insert' in part) moved += part.insert.length;
    else {
      moved -= Math.min(part.delete, index - at);
      at += part.delete;
    }
  }
  return moved;
}
