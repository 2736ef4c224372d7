// The chat page: two Chromiums join one room, see each other in the member
// list and each other's messages, shown as text.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardPage } from './support/DashboardPage.js';
import { HubProcess } from './support/HubProcess.js';

const SOURCE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const BINARY = process.env.FEEDHUB_BINARY;
const PLUGIN_DIR = process.env.FEEDHUB_PLUGIN_DIR;

const HUB_INI = `
[server]
address = 127.0.0.1
[web]
root = ${path.join(SOURCE_DIR, 'web')}
[feeds]
enabled = chat
plugin_dir = ${PLUGIN_DIR}
[history]
database = {dir}/history.db
[feed.chat]
rooms = lobby, kitchen
`;

async function openChat(hub, nick) {
  const chat = await DashboardPage.open(hub.origin, { width: 900, height: 700 }, `/chat.html?room=lobby&nick=${nick}`);
  await chat.page.waitForFunction(() => !document.querySelector('.message-form input').disabled, null, {
    timeout: 15000,
  });
  return chat;
}

function waitForText(chat, selector, text) {
  return chat.page.waitForFunction(
    ({ selector, text }) => [...document.querySelectorAll(selector)].some((node) => node.textContent === text),
    { selector, text },
    { timeout: 10000 },
  );
}

describe('chat in the browser', () => {
  let hub;
  let ann;
  let bob;

  before(async () => {
    assert.ok(BINARY, 'FEEDHUB_BINARY names the daemon (ctest sets it)');
    hub = new HubProcess(BINARY, HUB_INI);
    await hub.start();
    ann = await openChat(hub, 'ann');
    bob = await openChat(hub, 'bob');
  });

  after(async () => {
    await ann?.close();
    await bob?.close();
    await hub?.dispose();
  });

  test('two pages in one room see each other and chat', async () => {
    await waitForText(ann, '.member-list', 'ann, bob');
    await waitForText(bob, '.member-list', 'ann, bob');
    await ann.page.fill('.message-form input', 'hello <b>bob</b>');
    await ann.page.click('.message-form button');
    await bob.page.fill('.message-form input', 'hi ann');
    await bob.page.click('.message-form button');
    for (const chat of [ann, bob]) {
      await waitForText(chat, '.chat-text', 'hello <b>bob</b>');
      await waitForText(chat, '.chat-text', 'hi ann');
      assert.equal(await chat.page.locator('.message-list b').count(), 0, 'markup shows as text');
    }
    assert.match(await ann.page.textContent('.room-list'), /kitchen/);
    assert.deepEqual(ann.consoleErrors, []);
    assert.deepEqual(bob.consoleErrors, []);
  });

  test('a nickname taken in the room is refused with the hub\'s words', async () => {
    const copy = await DashboardPage.open(hub.origin, { width: 900, height: 700 }, '/chat.html?room=lobby&nick=ann');
    await waitForText(copy, '.chat-result', 'the nickname ann is taken in room lobby');
    await copy.close();
  });
});
