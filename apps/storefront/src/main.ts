import { signInMethod, type Session, type SignInMethod } from './sign-in.js';
import {
  ApiError,
  storefrontApi,
  type Money,
  type Order,
  type Product,
  type StorefrontApi,
} from './storefront-api.js';
import { loadStorefrontConfig } from './storefront-config.js';

/**
 * The storefront: browse, sign in (a development token locally, the configured OIDC issuer in
 * AWS: /config.json says which), place an order with an Idempotency-Key, watch it leave
 * PENDING, list my orders. Plain DOM; text is only ever set through textContent.
 */

const POLL_EVERY_MS = 400;
const POLL_FOR_MS = 60_000;

let api: StorefrontApi;
let signing: SignInMethod;

const state = {
  session: undefined as Session | undefined,
  products: new Map<string, Product>(),
  basket: new Map<string, number>(),
  /** One key per order attempt: a retry after a network error sends the same one. */
  idempotencyKey: undefined as string | undefined,
};

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

const money = (value: Money) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency: value.currency }).format(
    value.amount / 100,
  );

function showMessage(text: string | undefined): void {
  const message = byId('message');
  message.hidden = !text;
  message.textContent = text ?? '';
}

function failed(error: unknown): void {
  // A refused token (expired, revoked, another issuer's): the session is over.
  if (error instanceof ApiError && error.status === 401 && state.session) {
    void signing.forget().catch(() => undefined);
    endSession('Your session has ended: sign in again.');
    return;
  }
  showMessage(error instanceof Error ? error.message : String(error));
}

function endSession(reason: string): void {
  state.session = undefined;
  renderSession();
  void renderMyOrders();
  showMessage(reason);
}

function renderSession(): void {
  byId('sign-in').hidden = !!state.session;
  byId('signed-in').hidden = !state.session;
  byId('customer-name').textContent = state.session?.displayName ?? '';
  byId<HTMLButtonElement>('place-order').disabled = !state.session || state.basket.size === 0;
}

function renderProducts(): void {
  const list = byId('products');
  list.replaceChildren(
    ...[...state.products.values()].map((product) => {
      const quantity = element('input', { type: 'number', min: '1', max: '99', value: '1' });
      quantity.setAttribute('aria-label', `Quantity of ${product.name}`);
      const add = element('button', { type: 'button' }, 'Add to basket');
      add.setAttribute('aria-label', `Add ${product.name} to basket`);
      add.addEventListener('click', () => {
        const count = Math.max(1, Number(quantity.value) || 1);
        state.basket.set(product.sku, (state.basket.get(product.sku) ?? 0) + count);
        state.idempotencyKey = undefined;
        renderBasket();
      });
      const item = element(
        'li',
        { className: 'product' },
        element('h3', {}, product.name),
        element('p', {}, product.description),
        element('p', { className: 'price' }, money(product.price)),
        quantity,
        add,
      );
      item.dataset.sku = product.sku;
      return item;
    }),
  );
  if (state.products.size === 0) list.append(element('li', {}, 'No products yet.'));
}

function renderBasket(): void {
  const lines = [...state.basket].map(([sku, quantity]) => ({
    product: state.products.get(sku)!,
    quantity,
  }));
  byId('basket').replaceChildren(
    ...lines.map(({ product, quantity }) => {
      const remove = element('button', { type: 'button' }, 'Remove');
      remove.addEventListener('click', () => {
        state.basket.delete(product.sku);
        state.idempotencyKey = undefined;
        renderBasket();
      });
      return element('li', {}, `${quantity} × ${product.name} `, remove);
    }),
  );
  const first = lines[0]?.product.price.currency;
  byId('basket-total').textContent = first
    ? money({
        amount: lines.reduce((sum, line) => sum + line.product.price.amount * line.quantity, 0),
        currency: first,
      })
    : '–';
  renderSession();
}

function statusBadge(status: Order['status']): HTMLElement {
  const badge = element('span', { className: 'status' }, status);
  badge.dataset.status = status;
  return badge;
}

function renderOrder(order: Order): void {
  byId('order').hidden = false;
  byId('order-id').textContent = order.id;
  const status = byId('order-status');
  status.textContent = order.status;
  status.dataset.status = order.status;
  const reason = byId('order-reason');
  reason.hidden = !order.rejectReason;
  reason.textContent = order.rejectReason ?? '';
}

async function renderMyOrders(): Promise<void> {
  const rows = byId('orders');
  if (!state.session) return rows.replaceChildren();
  const orders = await api.myOrders(state.session.token, state.session.customerId);
  rows.replaceChildren(
    ...orders.map((order) =>
      element(
        'tr',
        {},
        element('td', {}, new Date(order.placedAt).toLocaleString()),
        element('td', {}, element('code', {}, order.id.slice(0, 8))),
        element('td', {}, money(order.total)),
        element(
          'td',
          {},
          statusBadge(order.status),
          order.rejectReason ? ` ${order.rejectReason}` : '',
        ),
      ),
    ),
  );
}

/** Polls GET /orders/:id until the saga has decided (CONFIRMED, REJECTED or CANCELLED). */
async function watch(order: Order): Promise<void> {
  const deadline = Date.now() + POLL_FOR_MS;
  let current = order;
  renderOrder(current);
  while (current.status === 'PENDING' && Date.now() < deadline && state.session) {
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    current = await api.order(state.session.token, current.id);
    renderOrder(current);
  }
  await renderMyOrders();
}

async function signIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const customerId = byId<HTMLInputElement>('customer-id').value.trim();
  try {
    // With an OIDC issuer the page leaves for its sign-in page here, and comes back to /callback.
    const session = await signing.signIn(customerId);
    if (!session) return;
    state.session = session;
    showMessage(undefined);
    renderSession();
    await renderMyOrders();
  } catch (error) {
    failed(error);
  }
}

async function signOut(): Promise<void> {
  state.session = undefined;
  renderSession();
  void renderMyOrders();
  await signing.signOut();
}

async function placeOrder(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (!state.session) return;
  const form = new FormData(event.target as HTMLFormElement);
  const field = (name: string) => String(form.get(name) ?? '').trim();
  state.idempotencyKey ??= crypto.randomUUID();
  const button = byId<HTMLButtonElement>('place-order');
  button.disabled = true;
  try {
    const order = await api.placeOrder(state.session.token, state.idempotencyKey, {
      lines: [...state.basket].map(([sku, quantity]) => ({ sku, quantity })),
      shippingAddress: {
        name: field('name'),
        line1: field('line1'),
        city: field('city'),
        postalCode: field('postalCode'),
        country: field('country').toUpperCase(),
      },
      paymentToken: field('paymentToken'),
    });
    showMessage(undefined);
    state.basket.clear();
    state.idempotencyKey = undefined;
    renderBasket();
    await watch(order);
  } catch (error) {
    // A network error keeps the key, so pressing again retries the same order.
    if (error instanceof ApiError) state.idempotencyKey = undefined;
    failed(error);
  } finally {
    renderSession();
  }
}

async function start(): Promise<void> {
  byId<HTMLFormElement>('sign-in').addEventListener('submit', (event) => void signIn(event));
  byId('sign-out').addEventListener('click', () => void signOut().catch(failed));
  byId<HTMLFormElement>('checkout').addEventListener('submit', (event) => void placeOrder(event));
  const config = await loadStorefrontConfig();
  api = storefrontApi(config.apiBase);
  signing = signInMethod(config.signIn, api);
  byId('customer-id-field').hidden = !signing.asksForCustomerId;
  byId<HTMLInputElement>('customer-id').required = signing.asksForCustomerId;
  signing.onEnded(endSession);
  try {
    state.session = await signing.restore();
  } catch (error) {
    failed(error);
  }
  renderSession();
  const products = await api.products();
  state.products = new Map(products.map((product) => [product.sku, product]));
  renderProducts();
  renderBasket();
  await renderMyOrders();
}

start().catch(failed);
