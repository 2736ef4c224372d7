// The shared editor page: two Chromiums type into one document at once and
// end with the same text, holding every keystroke of both; changes arriving
// out of version order (two hubs publishing at once) are applied in order.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardPage } from './support/DashboardPage.js';
import { HubProcess } from './support/HubProcess.js';

const SOURCE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const BINARY = process.env.FEEDHUB_BINARY;
const PLUGIN_DIR = process.env.FEEDHUB_PLUGIN_DIR;
const HUB_SECRET = 'browser-editor-secret-0123456789-0123456789';

/** An HS256 hub token, as `feedhubctl token` mints it. */
function hubToken(claims, ttlSeconds = 600) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { feedhub: claims, exp: Math.floor(Date.now() / 1000) + ttlSeconds, sub: 'browser-test' };
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', HUB_SECRET).update(input).digest('base64url')}`;
}

const HUB_INI = `
[server]
address = 127.0.0.1
[auth]
secret = ${HUB_SECRET}
[web]
root = ${path.join(SOURCE_DIR, 'web')}
[feeds]
enabled = collab
plugin_dir = ${PLUGIN_DIR}
[history]
database = {dir}/history.db
`;

async function openEditor(hub, author, doc = 'race') {
  const editor = await DashboardPage.open(hub.origin, { width: 900, height: 700 },
    `/editor.html?doc=${doc}&author=${author}`);
  await editor.page.waitForFunction(() => !document.querySelector('.document-text').disabled, null, {
    timeout: 15000,
  });
  await editor.page.waitForFunction(
    () => document.getElementById('indicator-document').dataset.state === 'connected',
    null,
    { timeout: 15000 },
  );
  return editor;
}

describe('shared editor in the browser', () => {
  let hub;
  let ann;
  let bob;

  before(async () => {
    assert.ok(BINARY, 'FEEDHUB_BINARY names the daemon (ctest sets it)');
    hub = new HubProcess(BINARY, HUB_INI);
    await hub.start();
    ann = await openEditor(hub, 'ann');
    bob = await openEditor(hub, 'bob');
  });

  after(async () => {
    await ann?.close();
    await bob?.close();
    await hub?.dispose();
  });

  test('two pages typing at once end with identical text holding every keystroke', async () => {
    const annTypes = 'the quick brown fox jumps';
    const bobTypes = 'OVER THE LAZY DOG 0123456789';
    await Promise.all([
      ann.page.type('.document-text', annTypes, { delay: 20 }),
      bob.page.type('.document-text', bobTypes, { delay: 15 }),
    ]);
    const expectedLength = annTypes.length + bobTypes.length;
    for (const editor of [ann, bob]) {
      await editor.page.waitForFunction(
        (length) => document.querySelector('.document-text').value.length === length,
        expectedLength,
        { timeout: 15000 },
      );
    }
    const annText = await ann.page.inputValue('.document-text');
    const bobText = await bob.page.inputValue('.document-text');
    assert.equal(annText, bobText);
    const stored = await (await fetch(`${hub.origin}/api/docs/race`)).json();
    assert.equal(stored.text, annText);
    const sorted = (text) => [...text].sort().join('');
    assert.equal(sorted(annText), sorted(annTypes + bobTypes), 'every keystroke, once');
    // Each page names the other as editing too.
    await ann.page.waitForFunction(() => document.querySelector('.co-authors').textContent === 'bob', null, {
      timeout: 5000,
    });
    await bob.page.waitForFunction(() => document.querySelector('.co-authors').textContent === 'ann', null, {
      timeout: 5000,
    });
    assert.deepEqual(ann.consoleErrors, []);
    assert.deepEqual(bob.consoleErrors, []);
  });

  test('a name typed as markup shows as text', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    const mallory = await openEditor(hub, encodeURIComponent(markup));
    await mallory.page.type('.document-text', '!', { delay: 10 });
    await mallory.close();
    await ann.page.waitForFunction((name) => document.querySelector('.co-authors').textContent.includes(name),
      markup, { timeout: 5000 });
    assert.equal(await ann.page.locator('.co-authors img').count(), 0);
  });

  test('a change arriving ahead of its version waits for the one before it', async () => {
    // As two hubs of a cluster may: version 2 published before version 1.
    const doc = `ahead${Date.now()}`;
    const eve = await openEditor(hub, 'eve', doc);
    const publish = (version, ops) =>
      hub.request('POST', '/publish', {
        topic: `doc.${doc}`,
        type: 'change',
        data: { version, ops, client: 'elsewhere', author: 'zoe', time: new Date().toISOString() },
      }, { Authorization: `Bearer ${hubToken({ publish: [`doc.${doc}`], subscribe: [] })}` });
    assert.equal((await publish(2, [{ at: 1, insert: 'b' }])).status, 201);
    assert.equal((await publish(1, [{ at: 0, insert: 'a' }])).status, 201);
    await eve.page.waitForFunction(() => document.querySelector('.document-text').value === 'ab', null, {
      timeout: 5000,
    });
    assert.equal(await eve.page.textContent('.document-version'), 'version 2');
    assert.equal(await eve.page.textContent('.editor-result'), '');
    // One whose predecessor never comes: the page loads the document again.
    assert.equal((await publish(4, [{ at: 2, insert: 'd' }])).status, 201);
    await eve.page.waitForFunction(() => document.querySelector('.document-version').textContent === 'version 0',
      null, { timeout: 5000 });
    assert.match(await eve.page.textContent('.editor-result'), /changes were missed/);
    assert.equal(await eve.page.inputValue('.document-text'), '');
    await eve.close();
  });
});
