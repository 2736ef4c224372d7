// The chat page: two Chromiums join one room, see each other in the member
// list and each other's messages, shown as text.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardPage } from './support/DashboardPage.js';
import { HubProcess } from './support/HubProcess.js';
import { chatBothWays, openChat, waitForText } from './support/ChatPage.js';

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
    await chatBothWays(ann, bob, 'hello <b>bob</b>', 'hi ann');
    for (const chat of [ann, bob])
      assert.equal(await chat.page.locator('.message-list b').count(), 0, 'markup shows as text');
    assert.match(await ann.page.textContent('.room-list'), /kitchen/);
    assert.deepEqual(ann.consoleErrors, []);
    assert.deepEqual(bob.consoleErrors, []);
  });

  test('a member who opens another room leaves this one', async () => {
    const cat = await openChat(hub, 'cat');
    try {
      await waitForText(ann, '.member-list', 'ann, bob, cat');
      await cat.page.fill('.room-form input[name="room"]', 'kitchen');
      await cat.page.press('.room-form input[name="room"]', 'Enter');
      await waitForText(ann, '.member-list', 'ann, bob');
      assert.deepEqual(cat.consoleErrors, []);
    } finally {
      await cat.close();
    }
  });

  test('a nickname taken in the room is refused with the hub\'s words', async () => {
    const copy = await DashboardPage.open(hub.origin, { width: 900, height: 700 }, '/chat.html?room=lobby&nick=ann');
    await waitForText(copy, '.chat-result', 'the nickname ann is taken in room lobby');
    await copy.close();
  });
});
