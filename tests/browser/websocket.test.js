// Chromium's own WebSocket against /ws, and the dashboard's notifications
// panel switched to WebSocket: live, then resumed after being offline.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
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
[auth]
publish = open
[web]
root = ${path.join(SOURCE_DIR, 'web')}
[feeds]
enabled = stock, notifications, task_status
plugin_dir = ${PLUGIN_DIR}
[feed.stock]
interval_ms = 500
[feed.notifications]
simulate = false
[feed.task_status]
tasks = backup
token = browser-websocket-test-token
[history]
database = {dir}/history.db
`;

async function waitForFirstNotification(dashboard, message) {
  await dashboard.page.waitForFunction(
    (text) => document.querySelector('.notification-list .notification-message')?.textContent === text,
    message,
    { timeout: 5000 },
  );
}

function notificationsConnected(page) {
  return page.waitForFunction(
    () => document.getElementById('indicator-notifications').dataset.state === 'connected',
    null,
    { timeout: 15000 },
  );
}

describe('websocket in the browser', () => {
  let hub;
  let dashboard;

  before(async () => {
    assert.ok(BINARY, 'FEEDHUB_BINARY names the daemon (ctest sets it)');
    hub = new HubProcess(BINARY, HUB_INI);
    await hub.start();
    dashboard = await DashboardPage.open(hub.origin);
    await dashboard.waitUntilConnected();
  });

  after(async () => {
    await dashboard?.close();
    await hub?.dispose();
  });

  test("Chromium's WebSocket subscribes, publishes, is refused a bad publish, and receives", async () => {
    const outcome = await dashboard.page.evaluate(async () => {
      const socket = new WebSocket(`ws://${location.host}/ws`);
      const messages = [];
      const arrived = (matches) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(JSON.stringify(messages))), 5000);
          const check = () => {
            const found = messages.find(matches);
            if (found) {
              clearTimeout(timer);
              resolve(found);
            } else setTimeout(check, 20);
          };
          check();
        });
      socket.addEventListener('message', (message) => messages.push(JSON.parse(message.data)));
      await new Promise((resolve) => socket.addEventListener('open', resolve));
      socket.send(JSON.stringify({ op: 'subscribe', topics: ['browser'], ref: 1 }));
      const subscribed = await arrived((message) => message.ref === 1);
      socket.send(JSON.stringify({ op: 'publish', topic: 'browser', type: 'hello', data: { n: 1 }, ref: 2 }));
      const published = await arrived((message) => message.ref === 2);
      socket.send(JSON.stringify({ op: 'publish', topic: 'not a topic', data: 1, ref: 3 }));
      const refused = await arrived((message) => message.ref === 3);
      const event = await arrived((message) => message.topic !== undefined);
      socket.close(1000);
      return { subscribed, published, refused, event };
    });
    assert.deepEqual(outcome.subscribed, { ref: 1, ok: true });
    assert.equal(outcome.published.ok, true);
    assert.match(outcome.refused.error, /invalid topic/);
    assert.equal(outcome.event.id, outcome.published.id);
    assert.equal(outcome.event.type, 'hello');
    assert.deepEqual(outcome.event.data, { n: 1 });
  });

  test('the notifications panel runs over WebSocket, live and resumed after going offline', async () => {
    const { page } = dashboard;
    const sockets = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.check('.transport-toggle input');
    await notificationsConnected(page);
    const live = `over the socket ${Date.now()}`;
    assert.equal((await hub.request('POST', '/api/notify', { type: 'user_joined', message: live })).status, 200);
    await waitForFirstNotification(dashboard, live);
    assert.ok(sockets.some((url) => url.endsWith('/ws')), `a WebSocket to /ws, not ${sockets}`);
    assert.equal(await page.textContent('#indicator-notifications .indicator-transport'), 'WebSocket');
    // The feed's welcome arrives over the socket too.
    assert.match(await page.textContent('.subscriber-count'), /^\d+ subscribers?$/);

    await page.context().setOffline(true);
    await page.waitForFunction(
      () => document.getElementById('indicator-notifications').dataset.state === 'offline',
      null,
      { timeout: 5000 },
    );
    const missed = `sent while offline ${Date.now()}`;
    assert.equal((await hub.request('POST', '/api/notify', { type: 'system_alert', message: missed })).status, 200);
    await page.context().setOffline(false);
    await notificationsConnected(page);
    await waitForFirstNotification(dashboard, missed);
    const messages = await page.locator('.notification-list .notification-message').allTextContents();
    assert.deepEqual(messages.slice(0, 2), [missed, live], 'each once, newest first');

    await page.reload();
    await notificationsConnected(page);
    assert.equal(await page.isChecked('.transport-toggle input'), true, 'the choice is kept');
    assert.deepEqual(dashboard.consoleErrors, []);
    const screenshots = process.env.FEEDHUB_SCREENSHOT_DIR;
    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, 'dashboard-websocket.png') });
    }
  });
});
