import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repositoryRoot } from '../../../bundling/bundle-lambda';
import { requireTool } from '../../support/require-tool';

/** Debian's Chromium, which `.ci/run` installs (`apt-get install chromium`). */
export const chromiumPath = process.env.SHOP_CHROMIUM ?? '/usr/bin/chromium';

/** The tests that need a browser: skipped with a warning without Chromium on a developer's machine, failed under CI=true. */
export const withBrowser = requireTool('Chromium', existsSync(chromiumPath) ? undefined : `${chromiumPath} does not exist (apt-get install chromium, or set SHOP_CHROMIUM)`);

/** Headless, and quiet: the machine has no network beyond the platform on 127.0.0.1. */
const quietFlags = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A Chromium whose camera shows `videoFile` (a .y4m), when given. */
export function launchBrowser(options: { videoFile?: string } = {}): Promise<Browser> {
  const camera = options.videoFile
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${options.videoFile}`]
    : [];
  return chromium.launch({ executablePath: chromiumPath, args: [...quietFlags, ...camera] });
}

/** Where the pages' screenshots go: docs/screenshots for `npm run screenshots` (the README shows them), dist/ otherwise. */
const screenshotDirectory = process.env.SHOP_SCREENSHOTS_DIR ?? join(repositoryRoot, 'dist', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}

/** A phone-sized page whose script errors go to `errors` (a test fails on any). */
export async function phonePage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}
