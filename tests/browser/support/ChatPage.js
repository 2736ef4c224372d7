// What the chat's browser tests do with a page of web/chat.html: open it as a
// member of a room, wait for what it shows, and chat from two of them.

import { DashboardPage } from './DashboardPage.js';

/** A chat page of hub joined to room as nick, once it may send. */
export async function openChat(hub, nick, room = 'lobby') {
  const chat = await DashboardPage.open(hub.origin, { width: 900, height: 700 }, `/chat.html?room=${room}&nick=${nick}`);
  await chat.page.waitForFunction(() => !document.querySelector('.message-form input').disabled, null, {
    timeout: 15000,
  });
  return chat;
}

/** Resolves once an element matching selector holds exactly text. */
export function waitForText(chat, selector, text) {
  return chat.page.waitForFunction(
    ({ selector, text }) => [...document.querySelectorAll(selector)].some((node) => node.textContent === text),
    { selector, text },
    { timeout: 10000 },
  );
}

/** ann and bob (members "ann" and "bob") see each other, each sends a line, and both see both lines. */
export async function chatBothWays(ann, bob, fromAnn, fromBob) {
  await waitForText(ann, '.member-list', 'ann, bob');
  await waitForText(bob, '.member-list', 'ann, bob');
  await ann.page.fill('.message-form input', fromAnn);
  await ann.page.click('.message-form button');
  await bob.page.fill('.message-form input', fromBob);
  await bob.page.click('.message-form button');
  for (const chat of [ann, bob]) {
    await waitForText(chat, '.chat-text', fromAnn);
    await waitForText(chat, '.chat-text', fromBob);
  }
}
