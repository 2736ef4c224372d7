// One change to a plain text, counted in Unicode code points, as the hub's
// collab feed counts them (plugins/collab/TextOperation): retain, insert and
// delete over the whole text, so that concurrent changes can be transformed
// and composed. transform(earlier, later) puts earlier's text first where both
// insert at one place, as the hub does with the change it applied first.

/** The text as an array of code points. */
export function codePoints(text) {
  return Array.from(text);
}

export class TextOperation {
  /** Parts: {retain: n} | {insert: string[] of code points} | {delete: n}. */
  parts = [];
  baseLength = 0;
  targetLength = 0;

  retain(count) {
    if (count === 0) return this;
    this.baseLength += count;
    this.targetLength += count;
    const last = this.parts.at(-1);
    if (last && 'retain' in last) last.retain += count;
    else this.parts.push({ retain: count });
    return this;
  }

  insert(chars) {
    if (chars.length === 0) return this;
    this.targetLength += chars.length;
    let at = this.parts.length;
    if (at > 0 && 'delete' in this.parts[at - 1]) at -= 1;
    if (at > 0 && 'insert' in this.parts[at - 1]) this.parts[at - 1].insert = this.parts[at - 1].insert.concat(chars);
    else this.parts.splice(at, 0, { insert: chars.slice() });
    return this;
  }

  remove(count) {
    if (count === 0) return this;
    this.baseLength += count;
    const last = this.parts.at(-1);
    if (last && 'delete' in last) last.delete += count;
    else this.parts.push({ delete: count });
    return this;
  }

  /** The changed text, from and to an array of code points. */
  apply(chars) {
    if (chars.length !== this.baseLength) throw new Error('the change does not fit the text');
    const result = [];
    let at = 0;
    for (const part of this.parts) {
      if ('retain' in part) {
        result.push(...chars.slice(at, at + part.retain));
        at += part.retain;
      } else if ('insert' in part) result.push(...part.insert);
      else at += part.delete;
    }
    return result;
  }

  /** The edits the hub takes and publishes: [{at, insert}|{at, delete}], in order. */
  toEdits() {
    const edits = [];
    let at = 0;
    for (const part of this.parts) {
      if ('retain' in part) at += part.retain;
      else if ('insert' in part) {
        edits.push({ at, insert: part.insert.join('') });
        at += part.insert.length;
      } else edits.push({ at, delete: part.delete });
    }
    return edits;
  }

  /** The change the hub's edits make to a text of length code points. */
  static fromEdits(edits, length) {
    let change = new TextOperation().retain(length);
    for (const edit of edits) {
      const step = new TextOperation().retain(edit.at);
      const rest = change.targetLength - edit.at;
      if ('insert' in edit) step.insert(codePoints(edit.insert)).retain(rest);
      else step.remove(edit.delete).retain(rest - edit.delete);
      change = TextOperation.compose(change, step);
    }
    return change;
  }

  static compose(first, second) {
    const result = new TextOperation();
    const a = new PartReader(first.parts);
    const b = new PartReader(second.parts);
    while (a.current || b.current) {
      if (a.current && 'delete' in a.current) {
        result.remove(a.current.delete);
        a.take(a.current.delete);
        continue;
      }
      if (b.current && 'insert' in b.current) {
        result.insert(b.current.insert);
        b.take(b.current.insert.length);
        continue;
      }
      if (!a.current || !b.current) throw new Error('changes do not fit');
      const count = Math.min(sizeOf(a.current), sizeOf(b.current));
      if ('retain' in a.current && 'retain' in b.current) result.retain(count);
      else if ('insert' in a.current && 'retain' in b.current) result.insert(a.current.insert.slice(0, count));
      else if ('retain' in a.current && 'delete' in b.current) result.remove(count);
      a.take(count);
      b.take(count);
    }
    return result;
  }

  /** [earlier', later']: earlier then later' is the same text as later then earlier'. */
  static transform(earlier, later) {
    const earlierAfter = new TextOperation();
    const laterAfter = new TextOperation();
    const a = new PartReader(earlier.parts);
    const b = new PartReader(later.parts);
    while (a.current || b.current) {
      if (a.current && 'insert' in a.current) {
        earlierAfter.insert(a.current.insert);
        laterAfter.retain(a.current.insert.length);
        a.take(a.current.insert.length);
        continue;
      }
      if (b.current && 'insert' in b.current) {
        earlierAfter.retain(b.current.insert.length);
        laterAfter.insert(b.current.insert);
        b.take(b.current.insert.length);
        continue;
      }
      if (!a.current || !b.current) throw new Error('changes do not fit');
      const count = Math.min(sizeOf(a.current), sizeOf(b.current));
      if ('retain' in a.current && 'retain' in b.current) {
        earlierAfter.retain(count);
        laterAfter.retain(count);
      } else if ('delete' in a.current && 'retain' in b.current) earlierAfter.remove(count);
      else if ('retain' in a.current && 'delete' in b.current) laterAfter.remove(count);
      a.take(count);
      b.take(count);
    }
    return [earlierAfter, laterAfter];
  }
}

function sizeOf(part) {
  return part.retain ?? part.delete ?? part.insert.length;
}

// Hands out an operation's parts one at a time, keeping what is left of each.
class PartReader {
  #parts;
  #next = 0;
  current = null;

  constructor(parts) {
    this.#parts = parts;
    this.#advance();
  }

  take(count) {
    if (count === sizeOf(this.current)) this.#advance();
    else if ('retain' in this.current) this.current = { retain: this.current.retain - count };
    else if ('delete' in this.current) this.current = { delete: this.current.delete - count };
    else this.current = { insert: this.current.insert.slice(count) };
  }

  #advance() {
    const part = this.#parts[this.#next++];
    this.current = part ? { ...part } : null;
  }
}
