// Chatting over GET /ws: a publish to chat.<room> goes to the chat feed,
// which posts it under the rules of its own POST route.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HubProcess } from '../browser/support/HubProcess.js';
import { HubClient } from './support/HubClient.js';

const BINARY = process.env.FEEDHUB_BINARY;
const PLUGIN_DIR = process.env.FEEDHUB_PLUGIN_DIR;

// Publishing needs a token, which nobody here has: the chat's topics take
// messages under the chat's rules instead.
const HUB_INI = `
[server]
address = 127.0.0.1
[auth]
publish = token
secret = websocket-chat-test-secret-0123456789
[web]
enabled = false
[history]
database = {dir}/history.db
[feeds]
enabled = chat
plugin_dir = ${PLUGIN_DIR}
[feed.chat]
rooms = lobby
rate_messages = 100
rate_seconds = 3600
`;

function say(client, room, data, type = 'message') {
  return client.ask({ op: 'publish', topic: `chat.${room}`, type, data });
}

describe('chat over websocket', () => {
  let hub;

  before(async () => {
    assert.ok(BINARY, 'FEEDHUB_BINARY names the daemon (ctest sets it)');
    assert.ok(PLUGIN_DIR, 'FEEDHUB_PLUGIN_DIR names the built plugins (ctest sets it)');
    hub = new HubProcess(BINARY, HUB_INI);
    await hub.start();
  });

  after(async () => {
    await hub?.dispose();
  });

  test('a message published to chat.<room> is posted, and another client receives it', async () => {
    const listener = await HubClient.open(hub.origin);
    assert.deepEqual(await listener.ask({ op: 'subscribe', topics: ['chat.lobby'] }), { ref: 'r1', ok: true });
    const talker = await HubClient.open(hub.origin);

    const answer = await say(talker, 'lobby', { user: 'ann', text: 'hello <b>' });
    assert.equal(answer.ok, true, JSON.stringify(answer));
    assert.match(answer.id, /^chat\.lobby:\d+$/);
    const [event] = await listener.events(1);
    assert.equal(event.id, answer.id);
    assert.equal(event.type, 'message');
    assert.equal(event.data.user, 'ann');
    assert.equal(event.data.text, 'hello <b>');
    assert.match(event.data.time, /^\d{4}-\d\d-\d\dT/);

    const room = await hub.request('GET', '/api/chat/lobby');
    assert.deepEqual(room.body.messages.map((message) => message.text), ['hello <b>']);
    listener.close();
    talker.close();
  });

  test("errors are the chat's, and nothing refused is published", async () => {
    const listener = await HubClient.open(hub.origin);
    await listener.ask({ op: 'subscribe', topics: ['chat.kitchen'] });
    const talker = await HubClient.open(hub.origin);
    const joined = await hub.request('POST', '/api/chat/kitchen/join', { nick: 'bob' });
    assert.equal(joined.status, 201);
    await listener.take((message) => message.type === 'join');

    const forged = await say(talker, 'kitchen', { user: 'bob', text: 'not bob' });
    assert.equal(forged.ok, undefined);
    assert.match(forged.error, /nickname bob is a member's/, JSON.stringify(forged));
    const wrongType = await say(talker, 'kitchen', { nick: 'eve' }, 'join');
    assert.match(wrongType.error, /the chat takes publications of type "message" only/);
    const notAnObject = await say(talker, 'kitchen', 'just text');
    assert.match(notAnObject.error, /must be a JSON object/);
    const unknownField = await say(talker, 'kitchen', { user: 'ann', text: 'hi', colour: 'red' });
    assert.equal(unknownField.error, 'unknown field "colour"');

    const own = await say(talker, 'kitchen', { user: 'bob', text: 'mine', member: joined.body.member });
    assert.equal(own.ok, true, JSON.stringify(own));
    const [event] = await listener.events(1);
    assert.equal(event.id, own.id, 'the refused messages published nothing');
    listener.close();
    talker.close();
  });

  test("past the chat's rate a message is refused, on the socket and on the route alike", async () => {
    const strict = new HubProcess(BINARY, HUB_INI.replace('rate_messages = 100', 'rate_messages = 2'));
    await strict.start();
    try {
      const talker = await HubClient.open(strict.origin);
      assert.equal((await say(talker, 'attic', { user: 'cy', text: 'one' })).ok, true);
      const http = await strict.request('POST', '/api/chat/attic', { user: 'cy', text: 'two, over http' });
      assert.equal(http.status, 201);
      const answer = await say(talker, 'attic', { user: 'cy', text: 'one too many' });
      assert.equal(answer.error, 'too many messages: wait a moment and send again');
      assert.equal((await strict.request('POST', '/api/chat/attic', { user: 'cy', text: 'again' })).status, 429);
      assert.equal(talker.closed, false);
      talker.close();
    } finally {
      await strict.dispose();
    }
  });

  test('a client that leaves before its message is answered does not stop the message or the hub', async () => {
    const leaver = await HubClient.open(hub.origin);
    // Gone once its message is on the wire, before the hub can answer it.
    const message = { op: 'publish', topic: 'chat.porch', data: { user: 'dee', text: 'bye' } };
    await new Promise((resolve) => leaver.socket.send(JSON.stringify(message), resolve));
    leaver.close();
    const stayer = await HubClient.open(hub.origin);
    const answer = await say(stayer, 'porch', { user: 'dee', text: 'still here' });
    assert.equal(answer.ok, true, JSON.stringify(answer));
    let texts = [];
    for (const deadline = Date.now() + 5000; texts.length < 2 && Date.now() < deadline; ) {
      texts = (await hub.request('GET', '/api/chat/porch')).body.messages.map((message) => message.text);
      if (texts.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(texts.sort(), ['bye', 'still here']);
    stayer.close();
  });

  test('a batch mixing chat and other topics is refused over POST /publish, with nothing published', async () => {
    const answer = await hub.request('POST', '/publish', [
      { topic: 'news', data: 'x' },
      { topic: 'chat.lobby', data: { user: 'ann', text: 'in a batch' } },
    ]);
    assert.equal(answer.status, 400);
    assert.match(answer.body.error, /^batch item 1 \(counting from 0\): topic 'chat\.lobby' goes to the feed chat/);
  });
});
