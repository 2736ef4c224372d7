// The chat page: rooms of the hub's chat feed, one open at a time with its
// history and members. A page joins a room with a nickname and gets a member
// token that proves it (kept in this tab, renewed while the page is open,
// given back on leaving); messages and names are shown as text.
// ?room=<name>&nick=<name> opens a room and joins it.

import { requestJson } from './api.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { el } from './dom.js';
import { EventStream } from './EventStream.js';

const HEARTBEAT_MS = 20000;

const roomList = document.querySelector('.room-list');
const roomForm = document.querySelector('.room-form');
const joinForm = document.querySelector('.join-form');
const messageForm = document.querySelector('.message-form');
const messages = document.querySelector('.message-list');
const memberList = document.querySelector('.member-list');
const result = document.querySelector('.chat-result');
const indicator = new ConnectionIndicator(document.getElementById('indicator-chat'));
const params = new URLSearchParams(window.location.search);

let room = null;
let stream = null;
let members = new Set();
let seen = new Set();
let me = null; // {nick, member}
let heartbeat = 0;

function api(path) {
  return `/api/chat/${encodeURIComponent(room)}${path}`;
}

async function loadRooms() {
  const answer = await requestJson('/api/chat/');
  if (!answer.ok) return;
  roomList.replaceChildren(
    ...answer.body.rooms.map((entry) =>
      el(
        'li',
        {},
        el('a', { href: `?room=${encodeURIComponent(entry.room)}`, text: entry.room, onclick: (event) => {
          event.preventDefault();
          openRoom(entry.room);
        } }),
        ` · ${entry.members} in it`,
      ),
    ),
  );
}

function showMembers() {
  memberList.textContent = members.size ? [...members].sort().join(', ') : 'nobody yet';
}

function showMessage(message) {
  if (seen.has(message.id)) return;
  seen.add(message.id);
  messages.append(
    el(
      'li',
      { class: 'chat-message' },
      el('span', { class: 'chat-user', text: message.user }),
      ': ',
      el('span', { class: 'chat-text', text: message.text }),
    ),
  );
}

function setJoined(joined) {
  me = joined;
  messageForm.elements.text.disabled = !joined;
  messageForm.querySelector('button').disabled = !joined;
  clearInterval(heartbeat);
  if (joined) {
    heartbeat = setInterval(() => {
      requestJson(api('/join'), { method: 'POST', body: { nick: me.nick, member: me.member } });
    }, HEARTBEAT_MS);
  }
}

function leave() {
  if (!me) return;
  fetch(api('/leave'), {
    method: 'POST',
    keepalive: true,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ nick: me.nick, member: me.member }),
  });
  setJoined(null);
}

async function openRoom(name) {
  leave();
  stream?.stop();
  room = name;
  document.querySelector('.room-name').textContent = name;
  messages.replaceChildren();
  seen = new Set();
  const answer = await requestJson(api(''));
  if (!answer.ok) {
    result.textContent = answer.error;
    return;
  }
  answer.body.messages.forEach(showMessage);
  members = new Set(answer.body.members);
  showMembers();
  // Resume after the last message shown: what happened since (messages,
  // joins, leaves) replays in order onto the state just read.
  const last = answer.body.messages.at(-1);
  stream = new EventStream(`/events?topic=chat.${encodeURIComponent(name)}`, {
    indicator,
    fromEventId: last ? last.id : '0',
    handlers: {
      message: (data, event) => showMessage({ ...data, id: event.lastEventId }),
      join: (data) => {
        members.add(data.nick);
        showMembers();
      },
      leave: (data) => {
        members.delete(data.nick);
        showMembers();
      },
    },
  });
  stream.start();
}

roomForm.addEventListener('submit', (event) => {
  event.preventDefault();
  openRoom(roomForm.elements.room.value);
});

joinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  leave();
  const nick = joinForm.elements.nick.value;
  const answer = await requestJson(api('/join'), { method: 'POST', body: { nick } });
  result.textContent = answer.ok ? '' : answer.error;
  if (answer.ok) setJoined({ nick, member: answer.body.member });
});

messageForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = messageForm.elements.text;
  const answer = await requestJson(api(''), {
    method: 'POST',
    body: { user: me.nick, text: input.value, member: me.member },
  });
  result.textContent = answer.ok ? '' : answer.error;
  if (answer.ok) input.value = '';
});

window.addEventListener('pagehide', leave);

loadRooms();
openRoom(params.get('room') ?? 'lobby').then(() => {
  if (params.get('nick')) {
    joinForm.elements.nick.value = params.get('nick');
    joinForm.requestSubmit();
  }
});
