// The dashboard open in its own headless Chromium (Debian's, never a
// downloaded one) with a fresh profile, recording what a developer would see
// in the console and every request the page makes.

import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.FEEDHUB_CHROMIUM || '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class DashboardPage {
  page;
  consoleErrors = [];
  requests = [];
  #context;
  #profile;

  /** Opens pagePath (the dashboard by default) of the hub at origin. */
  static async open(origin, viewport = { width: 1280, height: 900 }, pagePath = '/') {
    const dashboard = new DashboardPage();
    // launchPersistentContext passes the fresh profile as --user-data-dir.
    dashboard.#profile = mkdtempSync(path.join(os.tmpdir(), 'feedhub-chromium-'));
    dashboard.#context = await chromium.launchPersistentContext(dashboard.#profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport,
    });
    const page = dashboard.#context.pages()[0] ?? (await dashboard.#context.newPage());
    dashboard.page = page;
    page.on('console', (message) => {
      if (message.type() === 'error') dashboard.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => dashboard.consoleErrors.push(`uncaught: ${error.message}`));
    page.on('request', (request) => dashboard.requests.push(request.url()));
    await page.goto(`${origin}${pagePath}`);
    return dashboard;
  }

  async close() {
    await this.#context.close();
    rmSync(this.#profile, { recursive: true, force: true });
  }

  /** Waits until all three connection indicators say connected. */
  async waitUntilConnected(timeout = 15000) {
    await this.page.waitForFunction(
      () => [...document.querySelectorAll('.indicator')].every((node) => node.dataset.state === 'connected'),
      null,
      { timeout },
    );
  }

  /** The state of each indicator, by its id. */
  indicatorStates() {
    return this.page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('.indicator')].map((node) => [node.id, node.dataset.state])),
    );
  }

  /** Holds every new /events and /poll request until the returned function is called (it removes every route). */
  async holdReconnections() {
    let release;
    const released = new Promise((resolve) => {
      release = resolve;
    });
    const hold = async (route) => {
      await released;
      await route.continue();
    };
    const streams = (url) => url.pathname === '/events' || url.pathname === '/poll';
    await this.page.route(streams, hold);
    return async () => {
      release();
      // Lets the held requests go on before the route goes away.
      await this.page.unrouteAll({ behavior: 'wait' });
    };
  }
}
