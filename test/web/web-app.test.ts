import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { testUsers } from '../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../support/offline-platform';
import { launchBrowser, phonePage, screenshot, withBrowser } from './support/browser';
import { writeQrVideo } from './support/qr-video';

/** What the functions evaluated in the page use of it (the test's own types have no DOM). */
declare const location: { hash: string };
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
declare const document: { querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null };

/** Polled on a timer: requestAnimationFrame, Playwright's default, stalls in a page that is not in front. */
const polling = { polling: 100 };

/**
 * The web app in a real Chromium against the offline platform: every page
 * signs its own calls with the caller's identity-pool credentials, and every
 * refusal it shows is the platform's.
 */
let platform: OfflinePlatform;
let browser: Browser;
let appUrl: string;
const scriptErrors: string[] = [];

withBrowser.describe('the web app', () => {
  beforeAll(async () => {
    platform = await startOfflinePlatform();
    const { webAppUrl } = platform.runtime.outputs;
    if (!webAppUrl) throw new Error('The test stacks declare no static site: the web stack is missing');
    appUrl = webAppUrl;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });
  afterEach(() => {
    // A script error in any page fails the test that opened it.
    const errors = scriptErrors.splice(0);
    expect(errors).toEqual([]);
  });

  async function open(route: string, on: Browser = browser): Promise<Page> {
    const page = await phonePage(on, scriptErrors);
    await page.goto(`${appUrl}${route}`);
    await page.bringToFront();
    return page;
  }

  /** Same-document navigation: the page keeps its identity (a reload would sign out). */
  const go = (page: Page, route: string) =>
    page.evaluate((hash) => {
      location.hash = hash;
    }, route);

  async function signIn(email: string): Promise<Page> {
    const page = await open('#/sign-in');
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(await platform.password());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction(() => location.hash !== '#/sign-in', undefined, polling);
    return page;
  }

  async function orderOnPage(page: Page, quantities: Record<string, number>, name = 'Ada'): Promise<string> {
    for (const [productId, quantity] of Object.entries(quantities)) await page.locator(`input[name="quantity-${productId}"]`).fill(String(quantity));
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Your phone number').fill('+41790000001');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/order/'), undefined, polling);
    await page.locator('.order .status').waitFor();
    return (await page.locator('.order').getAttribute('data-order-id')) ?? '';
  }

  it("lets a guest open the shop's QR URL, order, and see the order", async () => {
    const token = await platform.shopToken('0001');
    const page = await open(`#/shop/0001?token=${token}`);
    await page.locator('.product').first().waitFor();
    expect(await page.locator('.product .name').allInnerTexts()).toEqual(['Sourdough loaf', 'Butter croissant']);
    await screenshot(page, 'customer-shop');
    const orderId = await orderOnPage(page, { '0011': 2 });
    expect(await page.locator('.order .status').innerText()).toBe('Status: PLACED');
    expect(await page.locator('.order .amount').innerText()).toBe('Total 2.20');
    await screenshot(page, 'customer-order');

    await go(page, '#/orders');
    await page.locator(`.order[data-order-id="${orderId}"]`).waitFor();
  });

  it('starts a new guest identity when the one remembered for the tab is unknown to the pool (after a reset)', async () => {
    const page = await open('#/');
    await page.evaluate((forgotten) => sessionStorage.setItem('shop.guestIdentityId', forgotten), 'eu-central-1:0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1');
    await go(page, `#/shop/0001?token=${await platform.shopToken('0001')}`);
    await page.locator('.product').first().waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('shop.guestIdentityId'))).not.toBe('eu-central-1:0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1');
  });

  it('tells a guest with a wrong token why the shop does not open', async () => {
    const page = await open('#/shop/0001?token=ZZZZZZZZZZ');
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-status')).toBe('401');
    expect(await refusal.innerText()).toMatch(/^The shop token is not accepted: it is wrong or has expired\. Scan the shop's QR code again\. \(The shop token is wrong or has expired\)$/);
    await screenshot(page, 'customer-wrong-token');
  });

  it("lets a customer scan the shop's QR code with the camera and order", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shop-camera-'));
    const video = join(directory, 'qr.y4m');
    writeQrVideo(video, `${appUrl}#/shop/0002?token=${await platform.shopToken('0002')}`);
    const camera = await launchBrowser({ videoFile: video });
    try {
      const page = await open('#/scan', camera);
      await page.waitForFunction(() => location.hash.startsWith('#/shop/0002'), undefined, { ...polling, timeout: 20_000 });
      await page.locator('.product').first().waitFor();
      await orderOnPage(page, { '0021': 1 });
      expect(await page.locator('.order .status').innerText()).toBe('Status: PLACED');
    } finally {
      await camera.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('shows a registered customer their order history after signing in', async () => {
    const page = await signIn(testUsers.registeredCustomer1.email);
    expect(new URL(page.url()).hash).toBe('#/orders');
    await go(page, `#/shop/0002?token=${await platform.shopToken('0002')}`);
    await page.locator('.product').first().waitFor();
    const orderId = await orderOnPage(page, { '0022': 3 }, 'Registered');
    await go(page, '#/orders');
    await page.locator(`.order[data-order-id="${orderId}"]`).waitFor();
    expect(await page.locator('header .who').innerText()).toContain(testUsers.registeredCustomer1.email);
    await screenshot(page, 'customer-history');
  });

  it('shows the shop owner the new order and the sales moving by its amount, and redraws the QR code when the token rotates', async () => {
    const page = await signIn(testUsers.shop1Owner.email);
    expect(new URL(page.url()).hash).toBe('#/owner/0001');
    const sales = page.locator('.sales');
    await sales.waitFor();
    const before = salesFigures(await sales.innerText());

    const guest = await platform.credentials({ guest: true });
    const placed = await platform.call(guest, {
      method: 'POST',
      path: `/prod/order?shopToken=${await platform.shopToken('0001')}`,
      body: JSON.stringify({ shopId: '0001', phoneNumber: '+41790000002', name: 'Till', items: [{ productId: '0012', quantity: 3 }] }),
    });
    expect(placed.status).toBe(201);
    const { orderId } = placed.body as { orderId: string };
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await page.waitForFunction((count) => document.querySelector('.sales')?.textContent?.startsWith(`Sales: ${count} orders`) === true, before.orders + 1, polling);
    expect(salesFigures(await sales.innerText())).toEqual({ orders: before.orders + 1, amount: before.amount + 3.6 });
    await page.getByRole('button', { name: 'Refresh' }).nth(1).click();
    await page.locator(`.order[data-order-id="${orderId}"]`).waitFor();

    const oldToken = await page.locator('.qr').getAttribute('data-token');
    expect(await qrCodeOn(page)).toBe(`${appUrl}#/shop/0001?token=${oldToken}`);
    await screenshot(page, 'owner-shop');
    const newToken = await rotate(page, oldToken ?? '');
    expect(newToken).not.toBe(oldToken);
    // Within the grace window (5 s in the test stacks) a customer who scanned the old code still gets in.
    const late = await open(`#/shop/0001?token=${oldToken}`);
    await late.locator('.product').first().waitFor();
    expect(await qrCodeOn(page)).toBe(`${appUrl}#/shop/0001?token=${newToken}`);
  });

  it('tells the owner of shop 0002 that shop 0001 is not theirs', async () => {
    const page = await signIn(testUsers.shop2Owner.email);
    await go(page, '#/owner/0001');
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-status')).toBe('403');
    expect(await refusal.innerText()).toMatch(/^Not allowed: User: arn:aws:sts::\d{12}:assumed-role\/.+ is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:.+\/GET\/shop\/0001/);
    await screenshot(page, 'owner-other-shop');
  });

  it('shows the admin the platform statistics the API reports', async () => {
    const page = await signIn(testUsers.admin.email);
    expect(new URL(page.url()).hash).toBe('#/admin');
    await page.locator('[data-stat="shops"]').waitFor();
    const admin = await platform.credentials({ email: testUsers.admin.email });
    const stats = (await platform.call(admin, { method: 'GET', path: '/prod/service-stats' })).body as { totalNumberOfShops: number; totalNumberOfCustomers: number };
    expect(Number(await page.locator('[data-stat="shops"]').innerText())).toBe(stats.totalNumberOfShops);
    expect(Number(await page.locator('[data-stat="customers"]').innerText())).toBe(stats.totalNumberOfCustomers);
    await screenshot(page, 'admin-statistics');
  });
});

function salesFigures(text: string): { orders: number; amount: number } {
  const match = /^Sales: (\d+) orders, (\d+\.\d{2}) in all$/.exec(text);
  if (!match) throw new Error(`unexpected sales text: ${text}`);
  return { orders: Number(match[1]), amount: Number(match[2]) };
}

/** What the owner's QR code says, decoded from the canvas's pixels. */
async function qrCodeOn(page: Page): Promise<string | undefined> {
  // Evaluated in the page (the test's own types have no DOM); one character a pixel, dark or light, travels fast.
  const { width, height, dark } = await page.evaluate<{ width: number; height: number; dark: string }>(`(() => {
    const canvas = document.querySelector('.qr');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let dark = '';
    for (let index = 0; index < data.length; index += 4) dark += data[index] < 128 ? '1' : '0';
    return { width: canvas.width, height: canvas.height, dark };
  })()`);
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let index = 0; index < dark.length; index++) {
    const value = dark[index] === '1' ? 0 : 255;
    pixels.set([value, value, value, 255], index * 4);
  }
  return jsQR(pixels, width, height)?.data;
}

/** Presses rotate until the token changes; a 409 means the last rotation's grace window (5 s in the test stacks) is not over yet. */
async function rotate(page: Page, oldToken: string): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.getByRole('button', { name: 'Rotate the token' }).click();
    const outcome = await Promise.race([
      page.waitForFunction((old) => document.querySelector('.qr')?.getAttribute('data-token') !== old, oldToken, polling).then(() => 'rotated' as const),
      page.getByRole('alert').waitFor().then(() => 'refused' as const),
    ]);
    if (outcome === 'rotated') return (await page.locator('.qr').getAttribute('data-token')) ?? '';
    expect(await page.getByRole('alert').getAttribute('data-status')).toBe('409');
    await page.waitForTimeout(1000);
  }
  throw new Error('the token never rotated');
}
