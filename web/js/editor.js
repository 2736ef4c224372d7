// The shared editor page: one document of the hub's collab feed in a
// textarea, kept in step with everyone else editing it, and who they are.
// ?doc=<name> opens a document, ?author=<name> names this page.

import { ConnectionIndicator } from './ConnectionIndicator.js';
import { DocumentClient, movedIndex } from './DocumentClient.js';
import { codePoints } from './TextOperation.js';

const ACTIVE_MS = 60000;

const panel = document.getElementById('editor');
const form = panel.querySelector('.editor-form');
const area = panel.querySelector('.document-text');
const result = panel.querySelector('.editor-result');
const coAuthors = panel.querySelector('.co-authors');
const versionNote = panel.querySelector('.document-version');
const params = new URLSearchParams(window.location.search);
form.elements.document.value = params.get('doc') ?? 'welcome';
form.elements.author.value = params.get('author') ?? localStorage.getItem('feedhub.editor.author') ?? '';

const indicator = new ConnectionIndicator(document.getElementById('indicator-document'));
const lastSeen = new Map();
let client = null;

function showAuthors() {
  const now = Date.now();
  const active = [...lastSeen].filter(([, seen]) => now - seen < ACTIVE_MS).map(([author]) => author);
  coAuthors.textContent = active.length ? active.sort().join(', ') : 'nobody else yet';
}

// Positions in the textarea are UTF-16 units; the document counts code points.
function toCodePoint(text, unit) {
  return codePoints(text.slice(0, unit)).length;
}

function toUnit(text, codePoint) {
  return codePoints(text).slice(0, codePoint).join('').length;
}

function show(text, change) {
  const start = toCodePoint(area.value, area.selectionStart);
  const end = toCodePoint(area.value, area.selectionEnd);
  area.value = text;
  if (change && document.activeElement === area) {
    area.setSelectionRange(toUnit(text, movedIndex(change, start)), toUnit(text, movedIndex(change, end)));
  }
  versionNote.textContent = `version ${client.version}`;
  area.disabled = false;
}

function open(name, author) {
  client?.stop();
  lastSeen.clear();
  showAuthors();
  panel.querySelector('.document-name').textContent = name;
  area.disabled = true;
  result.textContent = '';
  client = new DocumentClient(name, {
    author,
    indicator,
    onText: show,
    onAuthor: (who) => {
      if (who !== form.elements.author.value) lastSeen.set(who, Date.now());
      showAuthors();
    },
    onError: (message) => {
      result.textContent = message;
    },
  });
  client.start();
}

area.addEventListener('input', () => client?.edited(area.value));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  localStorage.setItem('feedhub.editor.author', form.elements.author.value);
  open(form.elements.document.value, form.elements.author.value);
});
form.elements.author.addEventListener('change', () => {
  if (client) client.author = form.elements.author.value;
});
setInterval(showAuthors, 5000);
open(form.elements.document.value, form.elements.author.value);
