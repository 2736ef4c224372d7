// The chat page across a cluster: two Chromiums join one room through two
// different hubs sharing one redis-server, see each other in the member list
// and each other's messages.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardPage } from './support/DashboardPage.js';
import { HubProcess } from './support/HubProcess.js';
import { chatBothWays, openChat, waitForText } from './support/ChatPage.js';
import { RedisProcess } from './support/RedisProcess.js';

const SOURCE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const BINARY = process.env.FEEDHUB_BINARY;
const PLUGIN_DIR = process.env.FEEDHUB_PLUGIN_DIR;

function nodeIni(redis, node) {
  return `
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
[cluster]
backend = redis
redis_url = ${redis.url}
key_prefix = browser-chat:
node_name = ${node}
`;
}

describe('chat in the browser across two hubs', () => {
  let redis;
  let hubA;
  let hubB;
  let ann;
  let bob;

  before(async () => {
    assert.ok(BINARY, 'FEEDHUB_BINARY names the daemon (ctest sets it)');
    redis = new RedisProcess();
    await redis.start();
    hubA = new HubProcess(BINARY, nodeIni(redis, 'browser-a'));
    hubB = new HubProcess(BINARY, nodeIni(redis, 'browser-b'));
    await hubA.start();
    await hubB.start();
    await hubA.waitUntilHealthy();
    await hubB.waitUntilHealthy();
    ann = await openChat(hubA, 'ann');
    bob = await openChat(hubB, 'bob');
  });

  after(async () => {
    await ann?.close();
    await bob?.close();
    await hubA?.dispose();
    await hubB?.dispose();
    await redis?.stop();
  });

  test('a page on each hub sees the other member and both messages', async () => {
    await chatBothWays(ann, bob, 'hello from hub A', 'hi from hub B');
    assert.deepEqual(ann.consoleErrors, []);
    assert.deepEqual(bob.consoleErrors, []);
  });

  test('a nickname taken on one hub is refused on the other', async () => {
    const copy = await DashboardPage.open(hubB.origin, { width: 900, height: 700 }, '/chat.html?room=lobby&nick=ann');
    await waitForText(copy, '.chat-result', 'the nickname ann is taken in room lobby');
    await copy.close();
  });
});
