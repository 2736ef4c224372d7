// GET /ws against the real daemon: node's ws package as the client, and
// hand-made frames for what a well-behaved client never sends.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import net from 'node:net';
import { HubProcess } from '../browser/support/HubProcess.js';
import { HubClient } from './support/HubClient.js';
import { frame } from './support/RawFrames.js';

const BINARY = process.env.FEEDHUB_BINARY;

const HUB_INI = `
[server]
address = 127.0.0.1
max_body_bytes = 1024
[sse]
heartbeat_seconds = 1
max_topics_per_connection = 4
[websocket]
max_message_bytes = 4096
[history]
database = {dir}/history.db
max_events = 20
[auth]
publish = open
[web]
enabled = false
[feeds]
enabled =
`;

async function publish(hub, topic, data, type = 'message') {
  const answer = await hub.request('POST', '/publish', { topic, type, data });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

/** A raw TCP connection that has done the handshake, and the bytes that follow it. */
async function rawSocket(hub) {
  const socket = net.connect(hub.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    'GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  let received = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    received = Buffer.concat([received, chunk]);
  });
  const ended = once(socket, 'close');
  const deadline = Date.now() + 5000;
  while (!received.includes('\r\n\r\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const head = received.subarray(0, received.indexOf('\r\n\r\n') + 4).toString();
  assert.match(head, /^HTTP\/1\.1 101 /);
  assert.match(head, /Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\n/);
  return {
    socket,
    ended,
    after: () => received.subarray(head.length),
  };
}

/** The close code of a close frame the hub sent on a raw socket (it is never masked). */
function closeCodeOf(bytes) {
  assert.equal(bytes[0], 0x88, `a close frame, not ${bytes.toString('hex')}`);
  return bytes.readUInt16BE(2);
}

async function expectCloseCode(hub, bytes, code) {
  const raw = await rawSocket(hub);
  raw.socket.write(bytes);
  await Promise.race([raw.ended, new Promise((_, reject) => setTimeout(() => reject(new Error('no close')), 5000))]);
  assert.equal(closeCodeOf(raw.after()), code);
}

function threads(pid) {
  return readdirSync(`/proc/${pid}/task`).length;
}

describe('websocket', () => {
  let hub;

  before(async () => {
    assert.ok(BINARY, 'FEEDHUB_BINARY names the daemon (ctest sets it)');
    hub = new HubProcess(BINARY, HUB_INI);
    await hub.start();
  });

  after(async () => {
    await hub?.dispose();
  });

  test('a request that is no WebSocket upgrade is refused with a JSON error', async () => {
    const plain = await fetch(`${hub.origin}/ws`);
    assert.equal(plain.status, 400);
    assert.match((await plain.json()).error, /Upgrade: websocket/);

    const socket = net.connect(hub.port, '127.0.0.1');
    socket.write(
      'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n',
    );
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    const deadline = Date.now() + 5000;
    while (!answer.endsWith('}') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 426 /);
    assert.match(answer, /Sec-WebSocket-Version: 13\r\n/);
    assert.match(answer, /"error":/);
  });

  test('a subscriber receives the JSON objects long polling returns', async () => {
    const client = await HubClient.open(hub.origin);
    assert.deepEqual(await client.ask({ op: 'subscribe', topics: ['news'] }), { ref: 'r1', ok: true });
    const id = await publish(hub, 'news', { headline: 'hello' }, 'flash');
    const [event] = await client.events(1);
    const polled = await hub.request('GET', `/poll?topic=news&since=0&timeout=0`);
    assert.deepEqual(event, polled.body.events.at(-1));
    assert.equal(event.id, id);
    assert.equal(event.type, 'flash');
    assert.deepEqual(event.data, { headline: 'hello' });
    assert.match(event.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    client.close();
  });

  test('several topics, and unsubscribe', async () => {
    const client = await HubClient.open(hub.origin);
    await client.ask({ op: 'subscribe', topics: ['a'] });
    await client.ask({ op: 'subscribe', topics: ['b'] });
    await publish(hub, 'a', 1);
    await publish(hub, 'c', 2);
    await publish(hub, 'b', 3);
    assert.deepEqual(
      (await client.events(2)).map((event) => [event.topic, event.data]),
      [['a', 1], ['b', 3]],
    );
    assert.deepEqual(await client.ask({ op: 'unsubscribe', topics: ['b'] }), { ref: 'r3', ok: true });
    await publish(hub, 'b', 4);
    await publish(hub, 'a', 5);
    const [next] = await client.events(1);
    assert.deepEqual([next.topic, next.data], ['a', 5]);
    assert.equal(client.messages.length, 0);
    client.close();
  });

  test('subscribe with lastEventId replays what was missed, then goes live with no duplicate', async () => {
    const first = await publish(hub, 'resume', 'one');
    await publish(hub, 'resume', 'two');
    await publish(hub, 'resume', 'three');
    const client = await HubClient.open(hub.origin);
    assert.equal((await client.ask({ op: 'subscribe', topics: ['resume'], lastEventId: first })).ok, true);
    await publish(hub, 'resume', 'four');
    assert.deepEqual(
      (await client.events(3)).map((event) => event.data),
      ['two', 'three', 'four'],
    );
    await publish(hub, 'resume', 'five');
    assert.deepEqual((await client.events(1)).map((event) => event.data), ['five']);
    assert.equal(client.messages.length, 0);
    client.close();
  });

  test('a resume from further back than history holds is told so', async () => {
    const first = await publish(hub, 'long', 0);
    for (let i = 1; i <= 25; i += 1) await publish(hub, 'long', i);
    const client = await HubClient.open(hub.origin);
    await client.ask({ op: 'subscribe', topics: ['long'], lastEventId: first });
    const notice = await client.take((message) => message.type === 'feedhub.truncated');
    assert.equal(notice.data.after, first.split(':')[1]);
    assert.equal((await client.events(20)).at(-1).data, 25);
    client.close();
  });

  test('publish over the socket, with the rules of POST /publish', async () => {
    const listener = await HubClient.open(hub.origin);
    await listener.ask({ op: 'subscribe', topics: ['chat'] });
    const publisher = await HubClient.open(hub.origin);
    const answer = await publisher.ask({ op: 'publish', topic: 'chat', type: 'said', data: { text: 'hi' } });
    assert.equal(answer.ok, true);
    assert.match(answer.id, /^chat:\d+$/);
    const [event] = await listener.events(1);
    assert.equal(event.id, answer.id);
    assert.deepEqual(event.data, { text: 'hi' });

    const badTopic = await publisher.ask({ op: 'publish', topic: 'no spaces', data: 1 });
    assert.match(badTopic.error, /invalid topic/);
    const http = await hub.request('POST', '/publish', { topic: 'no spaces', data: 1 });
    assert.equal(http.status, 400);
    assert.equal(badTopic.error, http.body.error, 'the same error as POST /publish');

    const tooBig = await publisher.ask({ op: 'publish', topic: 'chat', data: 'x'.repeat(2000) });
    assert.match(tooBig.error, /larger than/);
    assert.equal(tooBig.ok, undefined);
    const unknown = await publisher.ask({ op: 'dance' });
    assert.match(unknown.error, /"op"/);
    publisher.socket.send('not json');
    assert.match((await publisher.take((message) => message.error !== undefined)).error, /malformed JSON/);
    assert.equal(listener.messages.length, 0, 'nothing refused was published');
    assert.equal(publisher.closed, false);
    listener.close();
    publisher.close();
  });

  test('pings every heartbeat; a client that answers stays, one that does not is closed', async () => {
    const answering = await HubClient.open(hub.origin);
    const silent = await HubClient.open(hub.origin, { autoPong: false });
    await answering.until(() => answering.pings >= 3, 8000, 'three pings');
    assert.equal(answering.closed, false);
    assert.equal(await silent.closeCode(8000), 1006, 'dropped without a close frame');
    assert.ok(silent.pings >= 1);
    answering.close();
  });

  test('close codes: a bad frame, an unmasked frame, invalid UTF-8, an oversized message, binary', async () => {
    await expectCloseCode(hub, frame(0x3, 'reserved opcode'), 1002);
    await expectCloseCode(hub, frame(0x1, '{"op":"x"}', { mask: false }), 1002);
    await expectCloseCode(hub, frame(0x1, Buffer.from([0x7b, 0xc3, 0x28, 0x7d])), 1007);
    await expectCloseCode(hub, frame(0x1, 'x'.repeat(5000)), 1009);
    await expectCloseCode(hub, frame(0x2, Buffer.from([1, 2, 3])), 1003);
    await expectCloseCode(hub, Buffer.concat([frame(0x1, 'x', { fin: false }), frame(0x1, 'y')]), 1002);
  });

  test('fragments with a ping between them make one message', async () => {
    const raw = await rawSocket(hub);
    const message = JSON.stringify({ op: 'subscribe', topics: ['frag'], ref: 'f' });
    raw.socket.write(frame(0x1, message.slice(0, 10), { fin: false }));
    raw.socket.write(frame(0x9, 'hey'));
    raw.socket.write(frame(0x0, message.slice(10, 20), { fin: false }));
    raw.socket.write(frame(0x0, message.slice(20)));
    const deadline = Date.now() + 5000;
    while (!raw.after().includes('"ref":"f"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const bytes = raw.after();
    assert.equal(bytes[0], 0x8a, 'the pong first');
    assert.equal(bytes.subarray(2, 2 + bytes[1]).toString(), 'hey');
    assert.equal(bytes.subarray(4 + bytes[1]).toString(), '{"ref":"f","ok":true}');
    raw.socket.destroy();
  });

  test('2,000 subscribers at once, with a flat thread count', async () => {
    const threadsBefore = threads(hub.pid);
    const clients = [];
    for (let i = 0; i < 2000; i += 100) {
      const batch = await Promise.all(Array.from({ length: 100 }, () => HubClient.open(hub.origin)));
      await Promise.all(batch.map((client) => client.ask({ op: 'subscribe', topics: ['crowd'] })));
      clients.push(...batch);
    }
    assert.equal(threads(hub.pid), threadsBefore);
    const topics = await hub.request('GET', '/topics');
    assert.equal(topics.body.topics.find((topic) => topic.name === 'crowd').subscribers, 2000);
    const id = await publish(hub, 'crowd', 'everyone');
    const received = await Promise.all(clients.map((client) => client.events(1, 20000)));
    assert.ok(received.every(([event]) => event.id === id));
    assert.equal(threads(hub.pid), threadsBefore);
    for (const client of clients) client.close();
  });

  test('a hub shutting down says 1001 going away', async () => {
    const client = await HubClient.open(hub.origin);
    await client.ask({ op: 'subscribe', topics: ['news'] });
    await hub.stop();
    assert.equal(await client.closeCode(), 1001);
    await hub.start();
  });
});

describe('websocket slow consumer', () => {
  let hub;

  before(async () => {
    hub = new HubProcess(
      BINARY,
      `
[server]
address = 127.0.0.1
[sse]
outbox_limit_bytes = 65536
heartbeat_seconds = 0
[history]
max_events = 5000
[auth]
publish = open
[web]
enabled = false
[feeds]
enabled =
`,
    );
    await hub.start();
  });

  after(async () => {
    await hub?.dispose();
  });

  test('one that does not read is disconnected, and resumes by id with nothing lost', async () => {
    const client = await HubClient.open(hub.origin);
    await client.ask({ op: 'subscribe', topics: ['flood'] });
    client.socket.pause();
    const data = 'x'.repeat(60000);
    const ids = [];
    for (let i = 0; i < 400 && !hub.log.includes('disconnecting a WebSocket subscriber'); i += 1)
      ids.push(await publish(hub, 'flood', `${i} ${data}`));
    assert.match(hub.log, /disconnecting a WebSocket subscriber/);
    client.socket.resume();
    await client.until(() => client.closed, 20000, 'the disconnect');
    const seen = client.messages.filter((message) => message.id !== undefined);
    assert.ok(seen.length < ids.length);
    assert.deepEqual(
      seen.map((event) => event.id),
      ids.slice(0, seen.length),
    );

    const resumed = await HubClient.open(hub.origin);
    await resumed.ask({ op: 'subscribe', topics: ['flood'], lastEventId: seen.at(-1)?.id ?? 'flood:0' });
    const rest = await resumed.events(ids.length - seen.length, 20000);
    assert.deepEqual(
      rest.map((event) => event.id),
      ids.slice(seen.length),
    );
    resumed.close();
  });
});

describe('websocket authorization', () => {
  const SECRET = 'websocket-test-secret-of-at-least-32-chars';
  let hub;

  function token(claims) {
    const part = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
    const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
      feedhub: claims,
      exp: Math.floor(Date.now() / 1000) + 300,
    })}`;
    return `${signed}.${createHmac('sha256', SECRET).update(signed).digest('base64url')}`;
  }

  before(async () => {
    hub = new HubProcess(
      BINARY,
      `
[server]
address = 127.0.0.1
[auth]
publish = token
secret = ${SECRET}
private_topics = secret.*
[web]
enabled = false
[feeds]
enabled =
`,
    );
    await hub.start();
  });

  after(async () => {
    await hub?.dispose();
  });

  test('publishing and private topics need a token, as over HTTP', async () => {
    const anonymous = await HubClient.open(hub.origin);
    assert.match((await anonymous.ask({ op: 'publish', topic: 'news', data: 'x' })).error, /token/);
    assert.match((await anonymous.ask({ op: 'subscribe', topics: ['secret.plans'] })).error, /token/);
    assert.deepEqual(await anonymous.ask({ op: 'subscribe', topics: ['news'] }), { ref: 'r3', ok: true });
    anonymous.close();

    // A cookie never authorizes a publish; the Authorization header does.
    const allowed = token({ publish: ['news'], subscribe: ['secret.*'] });
    const cookie = await HubClient.open(hub.origin, { headers: { Cookie: `feedhub_token=${allowed}` } });
    assert.match((await cookie.ask({ op: 'publish', topic: 'news', data: 'x' })).error, /token/);
    assert.deepEqual(await cookie.ask({ op: 'subscribe', topics: ['secret.plans'] }), { ref: 'r2', ok: true });
    cookie.close();

    const bearer = await HubClient.open(hub.origin, { headers: { Authorization: `Bearer ${allowed}` } });
    const published = await bearer.ask({ op: 'publish', topic: 'news', data: 'x' });
    assert.equal(published.ok, true, JSON.stringify(published));
    assert.match((await bearer.ask({ op: 'publish', topic: 'other', data: 'x' })).error, /not/);
    bearer.close();
  });
});
