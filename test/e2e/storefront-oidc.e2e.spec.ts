import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '#platform/config';
import { AuthOptions, StorefrontConfig } from '#platform/http';
import { storefrontCsp } from '../../libs/platform/http/src/storefront.js';
import { launchChromium } from '../support/browser.js';
import {
  LOOPBACK_API_AUDIENCE,
  LOOPBACK_API_SCOPE,
  LoopbackOidcIssuer,
} from '../support/loopback-oidc-issuer.js';
import {
  freshSku,
  startMonolith,
  TEST_AUTH_SECRET,
  type TestApplication,
} from '../support/test-application.js';
import { issueDevToken } from '#platform/http';

const STOREFRONT_DIR = join(projectRoot(), 'dist/apps/storefront');
/** Kept after the run (gitignored): what the customer saw at the end. */
const SCREENSHOT = join(projectRoot(), 'test/artifacts/storefront-oidc.png');
const CLIENT_ID = 'seam-storefront';

/**
 * The storefront signing in against a real OIDC issuer (oidc-provider on loopback): the
 * authorization-code flow with PKCE in Chromium, the issuer's login page, the access token as
 * the API's bearer (verified against the issuer's JWKS over HTTP), its `sub` the customer id.
 */
describe('storefront signing in with an OIDC issuer, in headless Chromium', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const user = {
    id: `oidc-customer-${suffix}`,
    userName: `grace-${suffix}`,
    password: 'correct horse battery staple',
    email: `grace-${suffix}@example.com`,
  };
  const issuer = new LoopbackOidcIssuer(user);
  let monolith: TestApplication;
  let browser: Browser;
  let page: Page;
  /** An administrator of the issuer (its key, a `roles` claim): stocks the shop. */
  const asAdmin = async (method: string, path: string, body: unknown) => {
    const token = await issuer.signed({
      iss: issuer.issuer,
      aud: LOOPBACK_API_AUDIENCE,
      sub: 'ops',
      roles: ['admin'],
    });
    const response = await fetch(`${monolith.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.status;
  };
  /** What went wrong inside the page: script errors, console errors (CSP violations among them). */
  const pageProblems: string[] = [];
  const bearerTokens: string[] = [];
  const mug = freshSku('0OIDC-MUG');

  beforeAll(async () => {
    if (!existsSync(join(STOREFRONT_DIR, 'index.html')))
      throw new Error(`${STOREFRONT_DIR} is missing: run \`npm run build\` first`);
    browser = await launchChromium();
    await issuer.start();
    monolith = await startMonolith({
      storefrontDir: STOREFRONT_DIR,
      auth: await AuthOptions.fromEnv(
        {
          SEAM_AUTH_JWKS_URL: issuer.jwksUrl,
          SEAM_AUTH_ISSUER: issuer.issuer,
          SEAM_AUTH_AUDIENCE: LOOPBACK_API_AUDIENCE,
        },
        '/nonexistent',
      ),
      storefrontConfig: StorefrontConfig.oidc({
        authority: issuer.issuer,
        clientId: CLIENT_ID,
        scope: `openid email ${LOOPBACK_API_SCOPE}`,
      }),
    });
    await issuer.serve({
      clientId: CLIENT_ID,
      redirectUris: [`${monolith.baseUrl}/callback`],
      postLogoutRedirectUris: [`${monolith.baseUrl}/`],
    });
    expect(
      await asAdmin('POST', '/catalog/products', {
        sku: mug,
        name: 'Green mug',
        description: 'Stoneware, 350 ml',
        price: { amount: 1350, currency: 'EUR' },
        weightGrams: 350,
      }),
    ).toBe(201);
    expect(await asAdmin('PUT', `/inventory/stock/${mug}/BER-1`, { onHand: 20 })).toBe(200);
    page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageProblems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) pageProblems.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      const authorization = request.headers()['authorization'];
      if (authorization) bearerTokens.push(authorization.replace(/^Bearer /, ''));
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await monolith?.close();
    await issuer.stop();
  });

  it('serves the OIDC sign-in config and a policy that lets the page reach the issuer only', async () => {
    const config = await fetch(`${monolith.baseUrl}/config.json`);
    expect(await config.json()).toEqual({
      apiBase: '',
      signIn: {
        kind: 'oidc',
        authority: issuer.issuer,
        clientId: CLIENT_ID,
        scope: `openid email ${LOOPBACK_API_SCOPE}`,
      },
    });
    const response = await page.goto(`${monolith.baseUrl}/`);
    expect(response?.headers()['content-security-policy']).toBe(storefrontCsp([issuer.issuer]));
    // No development tokens beside a real issuer.
    expect((await fetch(`${monolith.baseUrl}/dev/token`, { method: 'POST' })).status).toBe(404);
    expect(await page.getByLabel('Customer id').isVisible()).toBe(false);
  });

  it('tells the customer that signing in failed when they cancel at the issuer', async () => {
    await page.goto(`${monolith.baseUrl}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${issuer.issuer}/interaction/**`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`${monolith.baseUrl}/`);
    await page.locator('#message', { hasText: 'Signing in failed' }).waitFor();
    expect(await page.locator('#message').textContent()).toBe(
      'Signing in failed: The customer cancelled signing in',
    );
    expect(await page.locator('#sign-in').isVisible()).toBe(true);
    expect(pageProblems).toEqual([]);
  }, 30_000);

  it('signs in at the issuer, orders with the access token and sees the order CONFIRMED', async () => {
    await page.goto(`${monolith.baseUrl}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${issuer.issuer}/interaction/**`);
    await page.getByLabel('User name').fill(user.userName);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password.' }).waitFor();
    await page.getByLabel('User name').fill(user.userName);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${monolith.baseUrl}/`);
    await page.locator('#signed-in', { hasText: user.email }).waitFor();
    // The code and state are spent and gone from the address bar; no token in localStorage.
    expect(page.url()).toBe(`${monolith.baseUrl}/`);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/eyJ/);

    await page.locator(`li[data-sku="${mug}"]`).locator('input').fill('1');
    await page
      .locator(`li[data-sku="${mug}"]`)
      .getByRole('button', { name: /Add .* to basket/ })
      .click();
    await page.getByLabel('Card').selectOption('tok_approve');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.locator('#order-status', { hasText: 'CONFIRMED' }).waitFor({ timeout: 20_000 });
    await page.locator('#orders tr', { hasText: 'CONFIRMED' }).waitFor();

    // The bearer was the issuer's access token: its sub is the customer id of the order.
    expect(bearerTokens.length).toBeGreaterThan(0);
    const claims = JSON.parse(
      Buffer.from(bearerTokens.at(-1)!.split('.')[1]!, 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: issuer.issuer,
      aud: LOOPBACK_API_AUDIENCE,
      sub: user.id,
      client_id: CLIENT_ID,
    });
    const orderId = await page.locator('#order-id').textContent();
    const mine = await fetch(`${monolith.baseUrl}/customers/${user.id}/orders`, {
      headers: { authorization: `Bearer ${bearerTokens.at(-1)}` },
    });
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id: orderId, status: 'CONFIRMED', customerId: user.id }),
    ]);
    expect(pageProblems).toEqual([]);

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 60_000);

  it('signs out at the issuer and comes back signed out, with no tokens left in the tab', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${issuer.issuer}/**`);
    await page.getByRole('button', { name: /sign me out/i }).click();
    await page.waitForURL(`${monolith.baseUrl}/`);
    await page.locator('#sign-in').waitFor();
    expect(await page.locator('#signed-in').isVisible()).toBe(false);
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toMatch(/eyJ/);
    expect(pageProblems).toEqual([]);
  }, 30_000);

  it('does not reuse a stored session whose access token has expired', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${issuer.issuer}/interaction/**`);
    await page.getByLabel('User name').fill(user.userName);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${monolith.baseUrl}/`);
    await page.locator('#signed-in', { hasText: user.email }).waitFor();

    const expired = await page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'));
      if (!key) return false;
      const stored = JSON.parse(sessionStorage.getItem(key)!) as { expires_at: number };
      stored.expires_at = Math.floor(Date.now() / 1000) - 60;
      sessionStorage.setItem(key, JSON.stringify(stored));
      return true;
    });
    expect(expired).toBe(true);
    const bearersBefore = bearerTokens.length;
    await page.reload();
    await page.locator('#sign-in').waitFor();
    expect(await page.locator('#signed-in').isVisible()).toBe(false);
    expect(bearerTokens).toHaveLength(bearersBefore);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).not.toContainEqual(
      expect.stringMatching(/^oidc\.user:/),
    );
    expect(pageProblems).toEqual([]);
  }, 30_000);

  it("refuses a token of another issuer, or for another audience, though signed with the issuer's key", async () => {
    const call = async (token: string) =>
      (
        await fetch(`${monolith.baseUrl}/customers/${user.id}/orders`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status;
    expect(
      await call(
        await issuer.signed({
          iss: 'https://issuer.example.com',
          aud: LOOPBACK_API_AUDIENCE,
          sub: user.id,
        }),
      ),
    ).toBe(401);
    expect(
      await call(await issuer.signed({ iss: issuer.issuer, aud: 'urn:another:api', sub: user.id })),
    ).toBe(401);
    expect(
      await call(
        await issuer.signed({ iss: issuer.issuer, aud: LOOPBACK_API_AUDIENCE, sub: user.id }),
      ),
    ).toBe(200);
    // The development key's tokens mean nothing beside a real issuer.
    const devToken = await issueDevToken(new TextEncoder().encode(TEST_AUTH_SECRET), {
      subject: user.id,
    });
    expect(await call(devToken)).toBe(401);
  });
});
