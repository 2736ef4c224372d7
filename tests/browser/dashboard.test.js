// The dashboard as people use it: the real daemon with the real stock,
// notification and task-status feeds, two pages in Debian's headless
// Chromium, the hub restarted under them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardPage } from './support/DashboardPage.js';
import { HubProcess } from './support/HubProcess.js';

const SOURCE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const BINARY = process.env.FEEDHUB_BINARY;
const PLUGIN_DIR = process.env.FEEDHUB_PLUGIN_DIR;
const SCREENSHOT_DIR = process.env.FEEDHUB_SCREENSHOT_DIR;
const TOKEN = 'browser-test-token';
const HUB_SECRET = 'browser-test-secret-0123456789-0123456789';

/** An HS256 hub token, as `feedhubctl token` mints it. */
function hubToken(claims, ttlSeconds = 600) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { feedhub: claims, exp: Math.floor(Date.now() / 1000) + ttlSeconds, sub: 'browser-test' };
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', HUB_SECRET).update(input).digest('base64url')}`;
}

// Fast quotes and a low alert threshold so a test sees updates and an alert
// within seconds; no simulated notifications, so the list holds only ours.
const HUB_INI = `
[server]
address = 127.0.0.1
[auth]
secret = ${HUB_SECRET}
private_topics = private.*
[sse]
retry_ms = 500
[web]
root = ${path.join(SOURCE_DIR, 'web')}
[log]
level = information
[history]
database = {dir}/history.db
[feeds]
enabled = stock, notifications, task_status
plugin_dir = ${PLUGIN_DIR}
[feed.stock]
symbols = AAPL:189.50, GOOG:141.80, MSFT:378.90, AMZN:151.90
interval_ms = 100
alert_percent = 0.05
[feed.notifications]
simulate = false
[feed.task_status]
tasks = backup, build, deploy
token = ${TOKEN}
`;

function taskRow(dashboard, task) {
  return dashboard.page.locator(`.task[data-task="${task}"]`);
}

function notificationMessages(dashboard) {
  return dashboard.page.locator('.notification-list .notification-message').allTextContents();
}

async function sendNotification(dashboard, type, message) {
  const { page } = dashboard;
  await page.selectOption('.notify-form select[name="type"]', type);
  await page.fill('.notify-form input[name="message"]', message);
  await page.click('.notify-form button[type="submit"]');
}

async function waitForFirstNotification(dashboard, message) {
  await dashboard.page.waitForFunction(
    (text) => document.querySelector('.notification-list .notification-message')?.textContent === text,
    message,
    { timeout: 5000 },
  );
}

describe('dashboard', () => {
  let hub;
  let pageA;
  let pageB;

  before(async () => {
    assert.ok(BINARY, 'FEEDHUB_BINARY names the daemon (ctest sets it)');
    assert.ok(PLUGIN_DIR, 'FEEDHUB_PLUGIN_DIR names the built plugins (ctest sets it)');
    hub = new HubProcess(BINARY, HUB_INI);
    await hub.start();
    pageA = await DashboardPage.open(hub.origin);
    await pageA.waitUntilConnected();
    pageB = await DashboardPage.open(hub.origin);
    await pageB.waitUntilConnected();
  });

  after(async () => {
    await pageA?.close();
    await pageB?.close();
    await hub?.dispose();
  });

  test('loads with no console errors and asks nothing of any other origin', async () => {
    assert.equal(await pageA.page.title(), 'feedhub · live dashboard');
    assert.deepEqual(await pageA.indicatorStates(), {
      'indicator-stocks': 'connected',
      'indicator-notifications': 'connected',
      'indicator-tasks': 'connected',
    });
    assert.deepEqual(pageA.consoleErrors, []);
    assert.deepEqual(pageB.consoleErrors, []);
    const foreign = [...pageA.requests, ...pageB.requests].filter((url) => !url.startsWith(`${hub.origin}/`));
    assert.deepEqual(foreign, []);
  });

  test('stock cards appear and update, coloured by direction, and their sparklines grow', async () => {
    const { page } = pageA;
    await page.waitForFunction(() => document.querySelectorAll('.stock-card').length === 4, null, { timeout: 10000 });
    const symbols = await page.locator('.stock-card').evaluateAll((cards) => cards.map((card) => card.dataset.symbol));
    assert.deepEqual(symbols, ['AAPL', 'AMZN', 'GOOG', 'MSFT']);

    const sparkline = page.locator('.stock-card[data-symbol="AAPL"] svg.sparkline');
    const pointsBefore = Number(await sparkline.getAttribute('data-points'));
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector('.stock-card[data-symbol="AAPL"] svg.sparkline').dataset.points) >= before + 2,
      Math.min(pointsBefore, 28),
      { timeout: 10000 },
    );
    const points = await sparkline.evaluate((svg) => ({
      counted: Number(svg.dataset.points),
      drawn: svg.querySelector('polyline').getAttribute('points').trim().split(/\s+/).length,
    }));
    assert.equal(points.drawn, points.counted);
    assert.ok(points.counted <= 30, `a sparkline shows at most the last 30 quotes, not ${points.counted}`);

    const cards = await page.locator('.stock-card').evaluateAll((nodes) =>
      nodes.map((card) => ({
        direction: card.dataset.direction,
        amount: card.querySelector('.stock-change-amount').textContent,
        colour: getComputedStyle(card.querySelector('.stock-change')).color,
        price: card.querySelector('.stock-price').textContent,
      })),
    );
    const colours = {};
    for (const card of cards) {
      assert.match(card.price, /^\d[\d,]*\.\d\d$/);
      const sign = { up: /^\+/, down: /^\u2212/, flat: /^0\.00$/ }[card.direction];
      assert.match(card.amount, sign, `a ${card.direction} card shows ${card.amount}`);
      colours[card.direction] ??= card.colour;
      assert.equal(card.colour, colours[card.direction], 'cards going the same way share a colour');
    }
    if (colours.up && colours.down) assert.notEqual(colours.up, colours.down);
  });

  test('a market alert is shown on its card', async () => {
    const alert = pageA.page.locator('.stock-alert:not([hidden])').first();
    await alert.waitFor({ timeout: 15000 });
    assert.match(await alert.textContent(), /^Market alert: [+\u2212]\d+\.\d\d% vs open \d[\d,]*\.\d\d$/);
  });

  test('cards can be filtered by symbol and by minimum price', async () => {
    const { page } = pageA;
    const visible = () =>
      page.locator('.stock-card:not([hidden])').evaluateAll((cards) => cards.map((card) => card.dataset.symbol));
    await page.fill('.stock-filter input[name="symbol"]', 'a');
    assert.deepEqual(await visible(), ['AAPL', 'AMZN']);
    assert.equal(await page.textContent('.stock-summary'), '2 of 4 symbols shown');
    await page.fill('.stock-filter input[name="symbol"]', '');
    await page.fill('.stock-filter input[name="min-price"]', '300');
    assert.deepEqual(await visible(), ['MSFT']);
    await page.fill('.stock-filter input[name="symbol"]', 'goog');
    assert.deepEqual(await visible(), []);
    assert.match(await page.textContent('.stock-summary'), /^No symbol matches the filter/);
    await page.fill('.stock-filter input[name="symbol"]', '');
    await page.fill('.stock-filter input[name="min-price"]', '');
    assert.deepEqual(await visible(), ['AAPL', 'AMZN', 'GOOG', 'MSFT']);
  });

  test('a notification sent from page A shows on page B, with a toast and the subscriber count', async () => {
    assert.equal(await pageB.page.textContent('.subscriber-count'), '2 subscribers');
    const message = `Build 42 is green ${Date.now()}`;
    await sendNotification(pageA, 'user_joined', message);
    await waitForFirstNotification(pageB, message);
    await pageA.page.waitForSelector('.notify-result[data-kind="ok"]');
    assert.equal(await pageA.page.textContent('.notify-result'), 'Sent to 2 subscribers.');
    const item = pageB.page.locator('.notification-list .notification').first();
    assert.equal(await item.getAttribute('data-type'), 'user_joined');
    assert.equal(await item.locator('.notification-type').textContent(), 'User joined');
    const toast = pageB.page.locator('.toast', { hasText: message });
    await toast.waitFor({ timeout: 2000 });
    assert.equal(await pageB.page.getAttribute('.notification-list', 'aria-live'), 'polite');
  });

  test('notifications switched to WebSocket still arrive, and the choice is kept on reload', async () => {
    await pageB.page.check('.transport-toggle input');
    await pageB.page.waitForFunction(() => {
      const indicator = document.getElementById('indicator-notifications');
      return indicator.querySelector('.indicator-transport').textContent === 'WebSocket' &&
        indicator.dataset.state === 'connected';
    });
    const overSocket = `Sent while B listens over WebSocket ${Date.now()}`;
    await sendNotification(pageA, 'user_joined', overSocket);
    await waitForFirstNotification(pageB, overSocket);
    await pageB.page.reload();
    await pageB.page.waitForFunction(() =>
      document.querySelector('#indicator-notifications .indicator-transport').textContent === 'WebSocket');
    assert.equal(await pageB.page.isChecked('.transport-toggle input'), true);
    await pageB.page.uncheck('.transport-toggle input');
    await pageB.page.waitForFunction(() => {
      const indicator = document.getElementById('indicator-notifications');
      return indicator.querySelector('.indicator-transport').textContent === 'SSE' &&
        indicator.dataset.state === 'connected';
    });
    const overSse = `Sent after B is back on SSE ${Date.now()}`;
    await sendNotification(pageA, 'user_joined', overSse);
    await waitForFirstNotification(pageB, overSse);
  });

  test('a message holding HTML is shown as its characters, never run', async () => {
    const message = '<img src=x onerror="window.__xss = 1"><b>bold</b>';
    await sendNotification(pageA, 'message_received', message);
    await waitForFirstNotification(pageB, message);
    for (const dashboard of [pageA, pageB]) {
      await waitForFirstNotification(dashboard, message);
      assert.equal(await dashboard.page.locator('.notification-list img, .notification-list b').count(), 0);
      assert.equal(await dashboard.page.locator('.toast-shelf img').count(), 0);
      assert.equal(await dashboard.page.evaluate(() => window.__xss), undefined);
    }
  });

  test('a task status set on page A shows on page B through long polling within a second', async () => {
    await pageA.page.fill('.token-form input[name="token"]', TOKEN);
    const rowA = taskRow(pageA, 'build');
    const rowB = taskRow(pageB, 'build');
    const before = await rowB.getAttribute('data-status');
    const next = before === 'running' ? 'done' : 'running';
    const versionBefore = Number((await rowB.locator('.task-meta').textContent()).match(/version (\d+)/)[1]);

    const answered = pageA.page.waitForResponse((response) => response.url().endsWith('/update-status'));
    await rowA.locator(`button[data-status="${next}"]`).click();
    assert.equal((await answered).status(), 200);
    const start = Date.now();
    await pageB.page.waitForFunction(
      ([status]) => document.querySelector('.task[data-task="build"]')?.dataset.status === status,
      [next],
      { timeout: 1000 },
    );
    console.log(`page B showed the new status ${Date.now() - start} ms after page A's update was answered`);
    assert.equal(await rowB.locator('.status-badge').textContent(), next);
    const meta = await rowB.locator('.task-meta').textContent();
    assert.match(meta, new RegExp(`^version ${versionBefore + 1} · changed `));
    await pageA.page.waitForSelector('.task-result[data-kind="ok"]');
    assert.equal(await pageA.page.textContent('.task-result'), `build is now ${next}.`);
    assert.equal(await rowB.locator(`button[data-status="${next}"]`).getAttribute('aria-pressed'), 'true');
  });

  test('screenshots of the dashboard are written under the build folder', async () => {
    assert.ok(SCREENSHOT_DIR, 'FEEDHUB_SCREENSHOT_DIR names where screenshots go (ctest sets it)');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const { page } = pageA;
    await page.waitForFunction(
      () => [...document.querySelectorAll('svg.sparkline')].every((svg) => Number(svg.dataset.points) === 30),
      null,
      { timeout: 30000 },
    );
    await page.waitForFunction(() => document.querySelectorAll('.toast').length === 0, null, { timeout: 10000 });
    for (const [type, message] of [
      ['user_joined', 'Ada Lovelace joined the #ops channel'],
      ['data_updated', 'Nightly export finished: 12,408 rows'],
      ['system_alert', 'Disk usage on /var reached 91%'],
    ])
      assert.equal((await hub.request('POST', '/api/notify', { type, message })).status, 200);
    await waitForFirstNotification(pageA, 'Disk usage on /var reached 91%');
    await page.waitForTimeout(400); // lets the newest toast finish sliding in

    const light = path.join(SCREENSHOT_DIR, 'dashboard.png');
    await page.screenshot({ path: light, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = path.join(SCREENSHOT_DIR, 'dashboard-dark.png');
    await page.screenshot({ path: dark, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    for (const file of [light, dark]) {
      assert.ok(statSync(file).size > 20000, `${file} holds a real picture`);
      console.log(`screenshot: ${file}`);
    }
  });
  test('works 360 px wide', async () => {
    const { page } = pageA;
    await page.setViewportSize({ width: 360, height: 780 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 360, `the page is ${overflow} px wide at 360 px`);
    for (const selector of ['.stock-card', '.notify-form button', '.task .status-button']) {
      const box = await page.locator(selector).first().boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `${selector} fits in 360 px`);
    }
    if (SCREENSHOT_DIR) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-360px.png'), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('a wrong token and a refused status are explained in words', async () => {
    const { page } = pageA;
    const row = taskRow(pageA, 'deploy');
    const statusBefore = await row.getAttribute('data-status');
    const target = statusBefore === 'failed' ? 'pending' : 'failed';

    await page.fill('.token-form input[name="token"]', 'not-the-token');
    await row.locator(`button[data-status="${target}"]`).click();
    await page.waitForSelector('.task-result[data-kind="error"]');
    assert.match(await page.textContent('.task-result'), /^Not allowed: .+\. Enter the hub's bearer token above\.$/);

    // The page only offers valid statuses, so the request is changed on its way.
    await page.fill('.token-form input[name="token"]', TOKEN);
    await page.route('**/update-status', (route) =>
      route.continue({ postData: JSON.stringify({ task: 'deploy', status: 'exploded' }) }),
    );
    await row.locator(`button[data-status="${target}"]`).click();
    await page.waitForFunction(() => document.querySelector('.task-result').textContent.startsWith('Refused: '));
    assert.match(await page.textContent('.task-result'), /^Refused: .*pending, running, done, failed/);
    await page.unroute('**/update-status');
    assert.equal(await taskRow(pageB, 'deploy').getAttribute('data-status'), statusBefore);
  });

  test('the newest notification comes first and the list keeps 50', async () => {
    for (let i = 1; i <= 55; i += 1) {
      const answer = await hub.request('POST', '/api/notify', { type: 'data_updated', message: `update ${i}` });
      assert.equal(answer.status, 200);
    }
    await waitForFirstNotification(pageB, 'update 55');
    const messages = await notificationMessages(pageB);
    assert.equal(messages.length, 50);
    assert.equal(messages[49], 'update 6');
  });

  test('with a pasted hub token the page receives a private topic, and publishes to it', async () => {
    const { page } = pageA;
    const topic = `private.team${Date.now()}`;
    await page.fill('.watch-form input[name="topic"]', topic);
    await page.click('.watch-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('.private-result')?.dataset.kind === 'error', null, {
      timeout: 5000,
    });
    assert.match(await page.textContent('.private-result'), /Not allowed: .*token/);

    await page.fill('.hub-token-form input[name="hub-token"]', hubToken({ publish: [topic], subscribe: ['private.*'] }));
    await page.click('.watch-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#indicator-private')?.dataset.state === 'connected', null, {
      timeout: 5000,
    });
    const message = `for token holders ${Date.now()}`;
    const published = await hub.request('POST', '/publish', { topic, data: message }, {
      Authorization: `Bearer ${hubToken({ publish: ['private.*'], subscribe: [] })}`,
    });
    assert.equal(published.status, 201);
    await page.waitForFunction((text) => document.querySelector('.private-list .private-data')?.textContent === text, message, {
      timeout: 5000,
    });

    await page.fill('.private-publish-form input[name="message"]', 'from the page');
    await page.click('.private-publish-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('.private-list .private-data')?.textContent === 'from the page', null, {
      timeout: 5000,
    });
    // The token stays in this tab's session only.
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.ok(await page.evaluate(() => sessionStorage.getItem('feedhub.hubToken')));
  });

  test('a page that goes offline says so, and catches up on what was sent meanwhile when back', async () => {
    const { page } = pageB;
    await page.context().setOffline(true);
    await page.waitForFunction(
      () => [...document.querySelectorAll('.indicator')].every((node) => node.dataset.state === 'offline'),
      null,
      { timeout: 5000 },
    );
    const message = `sent while page B was offline ${Date.now()}`;
    assert.equal((await hub.request('POST', '/api/notify', { type: 'notification', message })).status, 200);
    const before = await taskRow(pageB, 'deploy').getAttribute('data-status');
    const next = before === 'running' ? 'pending' : 'running';
    const headers = { Authorization: `Bearer ${TOKEN}` };
    assert.equal((await hub.request('POST', '/update-status', { task: 'deploy', status: next }, headers)).status, 200);

    await page.context().setOffline(false);
    await pageB.waitUntilConnected();
    await waitForFirstNotification(pageB, message);
    await page.waitForFunction(
      ([status]) => document.querySelector('.task[data-task="deploy"]')?.dataset.status === status,
      [next],
      { timeout: 5000 },
    );
  });

  test('after a hub restart both pages reconnect and show what was published before they did', async () => {
    const pages = [pageA, pageB];
    const stocksSeen = await Promise.all(
      pages.map((dashboard) => dashboard.page.textContent('#indicator-stocks .indicator-count')),
    );
    await hub.stop();
    // Held from now on, the pages' next attempts reach the new hub only after
    // the events below are published, so they can only arrive by resuming.
    const releases = await Promise.all(pages.map((dashboard) => dashboard.holdReconnections()));
    for (const dashboard of pages) {
      await dashboard.page.waitForFunction(
        () => [...document.querySelectorAll('.indicator')].every((node) => node.dataset.state !== 'connected'),
        null,
        { timeout: 10000 },
      );
    }

    await hub.start();
    const message = `published while the pages were away ${Date.now()}`;
    const notified = await hub.request('POST', '/api/notify', { type: 'system_alert', message });
    assert.equal(notified.status, 200);
    assert.equal(notified.body.sentTo, 0, 'no page is connected yet');
    const before = await taskRow(pageB, 'backup').getAttribute('data-status');
    const next = before === 'done' ? 'failed' : 'done';
    const updated = await hub.request(
      'POST',
      '/update-status',
      { task: 'backup', status: next },
      { Authorization: `Bearer ${TOKEN}` },
    );
    assert.equal(updated.status, 200);

    for (const release of releases) await release();
    for (const [index, dashboard] of pages.entries()) {
      await dashboard.waitUntilConnected();
      await waitForFirstNotification(dashboard, message);
      await dashboard.page.waitForFunction(
        ([status]) => document.querySelector('.task[data-task="backup"]')?.dataset.status === status,
        [next],
        { timeout: 5000 },
      );
      await dashboard.page.waitForFunction(
        (seen) => document.querySelector('#indicator-stocks .indicator-count').textContent !== seen,
        stocksSeen[index],
        { timeout: 5000 },
      );
      // History is durable: the restarted hub still holds everything the
      // pages had missed, so there is no gap to tell of.
      assert.equal(await dashboard.page.isVisible('#notifications .gap-note'), false);
    }
  });
});
