import { drawAsl } from './asl-graph.js';
import {
  api,
  ApiError,
  session,
  subjectOf,
  type Asl,
  type Execution,
  type Span,
} from './console-api.js';

/** Builds an element: `h('td', { class: 'status' }, 'SUCCEEDED')`. */
function h(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function table(headers: string[], rows: (Node | string)[][], id?: string): HTMLElement {
  return h(
    'table',
    id ? { id } : {},
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', {}, header)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
  );
}

function button(
  label: string,
  action: () => Promise<unknown>,
  attributes: Record<string, string> = {},
) {
  const node = h('button', { type: 'button', ...attributes }, label);
  node.addEventListener('click', () => void run(action));
  return node;
}

function json(value: unknown): HTMLElement {
  return h('pre', {}, JSON.stringify(value, null, 2));
}

const page = document.querySelector<HTMLElement>('#page')!;
const message = document.querySelector<HTMLElement>('#message')!;

function say(text: string | null): void {
  message.hidden = text === null;
  message.textContent = text ?? '';
}

/** Runs an action, showing its failure; re-renders the page after it. */
async function run(action: () => Promise<unknown>): Promise<void> {
  try {
    say(null);
    await action();
    await render();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      say(`${error.message} (an administrator's token is needed)`);
    } else {
      say(error instanceof Error ? error.message : String(error));
    }
  }
}

// --- pages -----------------------------------------------------------------------------------

interface Topology {
  transport: string;
  dedicated: boolean;
  modules: {
    module: string;
    mode: string;
    percent: number;
    hostedHere: boolean;
    servedBy: string;
  }[];
}

async function topologyPage(): Promise<Node[]> {
  const topology = await api<Topology>('GET', '/admin/topology');
  return [
    h('h2', {}, 'Topology'),
    h('p', {}, `Transport: ${topology.transport}${topology.dedicated ? ' (module service)' : ''}`),
    table(
      ['Module', 'Route', 'Canary %', 'Hosted here', 'Served by'],
      topology.modules.map((entry) => [
        entry.module,
        h('span', { class: `status ${entry.mode}` }, entry.mode),
        String(entry.percent),
        entry.hostedHere ? 'yes' : 'no',
        entry.servedBy,
      ]),
      'topology',
    ),
  ];
}

interface Flags {
  source: string;
  origin: string;
  editable: boolean;
  reason?: string;
  values: Record<string, Record<string, unknown>>;
}

async function flagsPage(): Promise<Node[]> {
  const flags = await api<Flags>('GET', '/admin/flags');
  const rows = Object.entries(flags.values).map(([name, value]) => {
    const { enabled, ...attributes } = value;
    const cells: (Node | string)[] = [name, String(enabled), json(attributes)];
    if (name.startsWith('route-') && flags.editable) {
      const mode = h('select', {
        'aria-label': `${name} mode`,
        'data-flag': name,
      }) as HTMLSelectElement;
      for (const option of ['local', 'shadow', 'canary', 'remote'])
        mode.append(h('option', option === value.mode ? { selected: '' } : {}, option));
      const percent = h('input', {
        type: 'number',
        min: '0',
        max: '100',
        size: '4',
        'aria-label': `${name} percent`,
        value: String(value.percent ?? 0),
      }) as HTMLInputElement;
      cells.push(
        h(
          'span',
          {},
          mode,
          percent,
          button(
            'Set',
            () =>
              api('PUT', `/admin/flags/${name}`, {
                mode: mode.value,
                percent: Number(percent.value),
              }),
            { 'data-set-flag': name },
          ),
        ),
      );
    } else {
      cells.push('');
    }
    return cells;
  });
  return [
    h('h2', {}, 'Flags'),
    h('p', {}, `Source: ${flags.source} (${flags.origin})`),
    flags.editable ? null : h('p', {}, flags.reason ?? 'Flags cannot be changed here'),
    table(['Flag', 'Enabled', 'Attributes', 'Change'], rows, 'flags'),
  ].filter((node): node is HTMLElement => node !== null);
}

interface Breaker {
  module: string;
  pattern: string;
  state: string;
  window: Record<string, number>;
  bulkhead: { capacity: number; inFlight: number };
}

async function breakersPage(): Promise<Node[]> {
  const breakers = await api<Breaker[]>('GET', '/admin/breakers');
  return [
    h('h2', {}, 'Circuit breakers and bulkheads'),
    breakers.length === 0
      ? h('p', {}, 'No calls to other processes yet (or no SQS transport): no breakers.')
      : table(
          ['Module', 'Pattern', 'State', 'Fires', 'Failures', 'Rejects', 'Bulkhead'],
          breakers.map((breaker) => [
            breaker.module,
            breaker.pattern,
            h('span', { class: `status ${breaker.state}` }, breaker.state),
            String(breaker.window.fires),
            String(breaker.window.failures),
            String(breaker.window.rejects),
            `${breaker.bulkhead.inFlight} / ${breaker.bulkhead.capacity}`,
          ]),
          'breakers',
        ),
  ];
}

interface Queues {
  sqs: boolean;
  queues: {
    module: string;
    queue: string;
    depth: number;
    inFlight: number;
    deadLetterQueue: string;
    deadLetters: number;
  }[];
}

async function queuesPage(): Promise<Node[]> {
  const queues = await api<Queues>('GET', '/admin/queues');
  return [
    h('h2', {}, 'Queues'),
    queues.sqs
      ? table(
          ['Module', 'Queue', 'Waiting', 'In flight', 'DLQ', 'Dead letters', ''],
          queues.queues.map((queue) => [
            queue.module,
            queue.queue,
            String(queue.depth),
            String(queue.inFlight),
            queue.deadLetterQueue,
            String(queue.deadLetters),
            queue.deadLetters > 0
              ? button('Redrive DLQ', () =>
                  api('POST', `/admin/queues/${queue.module}/dlq/redrive`),
                )
              : '',
          ]),
          'queues',
        )
      : h(
          'p',
          {},
          'This process runs without the SQS transport: every module is called in process.',
        ),
  ];
}

interface Lag {
  module: string;
  pending: number;
  oldestPendingMs: number;
  parked: number;
}
interface Parked {
  module: string;
  events: {
    id: string;
    pattern: string;
    aggregateId: string;
    attempts: number;
    lastError: string | null;
    parkedAt: string;
  }[];
}

async function outboxPage(): Promise<Node[]> {
  const [lag, parked] = await Promise.all([
    api<Lag[]>('GET', '/admin/outbox'),
    api<Parked[]>('GET', '/admin/outbox/parked'),
  ]);
  const events = parked.flatMap((entry) =>
    entry.events.map((event) => ({ ...event, module: entry.module })),
  );
  return [
    h('h2', {}, 'Outbox'),
    table(
      ['Module', 'Pending', 'Oldest pending', 'Parked', ''],
      lag.map((entry) => [
        entry.module,
        String(entry.pending),
        `${entry.oldestPendingMs} ms`,
        String(entry.parked),
        entry.parked > 0
          ? button('Redrive all', () => api('POST', `/admin/outbox/${entry.module}/redrive`, {}))
          : '',
      ]),
      'outbox-lag',
    ),
    h('h3', {}, 'Parked events'),
    events.length === 0
      ? h('p', { id: 'no-parked' }, 'Nothing is parked.')
      : table(
          ['Module', 'Event', 'Pattern', 'Aggregate', 'Attempts', 'Last error', ''],
          events.map((event) => [
            event.module,
            h('code', {}, event.id),
            event.pattern,
            event.aggregateId,
            String(event.attempts),
            event.lastError ?? '',
            button(
              'Redrive',
              () => api('POST', `/admin/outbox/${event.module}/redrive`, { ids: [event.id] }),
              {
                'data-redrive': event.id,
              },
            ),
          ]),
          'parked',
        ),
  ];
}

let searchedOrder = '';
let openExecution: string | null = null;

async function executionsPage(): Promise<Node[]> {
  const search = h('form', { id: 'search', 'aria-label': 'Find an execution' });
  const input = h('input', {
    name: 'order',
    placeholder: 'order id',
    size: '40',
    value: searchedOrder,
  }) as HTMLInputElement;
  search.append(h('label', {}, 'Order id ', input), h('button', { type: 'submit' }, 'Find'));
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    searchedOrder = input.value.trim();
    openExecution = null;
    void run(async () => undefined);
  });
  const query = searchedOrder ? `?name=${encodeURIComponent(searchedOrder)}` : '?pageSize=20';
  const list = await api<{ items: Execution[] }>('GET', `/workflows/executions${query}`);
  if (searchedOrder && list.items.length === 1) openExecution = list.items[0]!.id;
  const nodes: Node[] = [
    h('h2', {}, 'Saga executions'),
    search,
    table(
      ['Started', 'Workflow', 'Name (order)', 'Status', 'Runs', ''],
      list.items.map((execution) => [
        execution.createdAt,
        execution.workflow,
        execution.name,
        h('span', { class: `status ${execution.status}` }, execution.status),
        String(execution.runs),
        button('Open', async () => {
          openExecution = execution.id;
        }),
      ]),
      'executions',
    ),
  ];
  if (openExecution) nodes.push(...(await executionDetail(openExecution)));
  return nodes;
}

async function executionDetail(id: string): Promise<Node[]> {
  const [execution, definition, trace] = await Promise.all([
    api<Execution>('GET', `/workflows/executions/${id}`),
    api<{ asl: Asl; sameAsExecution: boolean }>('GET', `/workflows/executions/${id}/definition`),
    api<{ traceId: string | null; tracing: string; spans: Span[] }>(
      'GET',
      `/workflows/executions/${id}/trace`,
    ),
  ]);
  const steps = execution.steps ?? [];
  const actions: Node[] = [];
  if (execution.status === 'FAILED' && execution.engine === 'local')
    actions.push(
      button('Redrive', () => api('POST', `/workflows/executions/${id}/redrive`), {
        id: 'redrive-execution',
      }),
    );
  if (['PENDING', 'RUNNING'].includes(execution.status) && execution.engine === 'local')
    actions.push(
      button(
        'Cancel',
        () =>
          api('POST', `/workflows/executions/${id}/cancel`, {
            reason: 'cancelled from the console',
          }),
        {
          id: 'cancel-execution',
        },
      ),
    );
  return [
    h(
      'h3',
      {},
      `${execution.workflow} for ${execution.name}: `,
      h('span', { class: `status ${execution.status}`, id: 'execution-status' }, execution.status),
    ),
    h(
      'p',
      {},
      `Runs: ${execution.runs}${execution.error ? ` · ${execution.error}: ${execution.cause ?? ''}` : ''}`,
      ...actions,
    ),
    h(
      'div',
      { class: 'row' },
      drawAsl(definition.asl, steps),
      table(
        ['Run', 'State', 'Status', 'Attempts', 'Took', 'Input', 'Output / error'],
        steps.map((step) => [
          String(step.run),
          step.state,
          h('span', { class: `status ${step.status}` }, step.status),
          String(step.attempts),
          step.endedAt ? `${Date.parse(step.endedAt) - Date.parse(step.startedAt)} ms` : '…',
          json(step.input),
          step.error ? `${step.error}: ${step.cause ?? ''}` : json(step.output),
        ]),
        'steps',
      ),
    ),
    h('h3', {}, `Trace ${trace.traceId ?? '(none)'}`),
    traceWaterfall(trace.spans, trace.tracing),
  ];
}

function traceWaterfall(spans: Span[], tracing: string): Node {
  if (spans.length === 0)
    return h(
      'p',
      {},
      tracing === 'off'
        ? 'Tracing is off in this process (SEAM_TRACING=memory or an OTLP endpoint turns it on).'
        : 'No spans of this trace are kept in this process any more.',
    );
  const start = Math.min(...spans.map((span) => span.startMs));
  const end = Math.max(...spans.map((span) => span.startMs + span.durationMs));
  const total = Math.max(1, end - start);
  const depth = new Map<string, number>();
  for (const span of spans)
    depth.set(span.spanId, (span.parentSpanId ? (depth.get(span.parentSpanId) ?? 0) : -1) + 1);
  const waterfall = h('div', { class: 'waterfall', id: 'waterfall' });
  for (const span of spans) {
    const bar = h('div', {
      class: `span-bar ${span.status}`,
      title: `${span.durationMs.toFixed(1)} ms`,
    });
    bar.style.left = `${((span.startMs - start) / total) * 100}%`;
    bar.style.width = `${(span.durationMs / total) * 100}%`;
    const label = h(
      'div',
      {},
      `${'· '.repeat(depth.get(span.spanId) ?? 0)}${span.name} (${span.service}, ${span.durationMs.toFixed(1)} ms)`,
    );
    waterfall.append(
      h('div', { class: 'span-row' }, label, h('div', { class: 'span-track' }, bar)),
    );
  }
  return waterfall;
}

interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  traceId: string | null;
}

async function auditPage(): Promise<Node[]> {
  const page = await api<{ items: AuditRecord[] }>('GET', '/admin/audit?pageSize=50');
  return [
    h('h2', {}, 'Audit log'),
    table(
      ['When', 'Who', 'Action', 'Target', 'Before', 'After'],
      page.items.map((row) => [
        row.at,
        row.actor,
        row.action,
        row.target,
        json(row.before),
        json(row.after),
      ]),
      'audit',
    ),
  ];
}

const PAGES: Record<string, () => Promise<Node[]>> = {
  topology: topologyPage,
  flags: flagsPage,
  breakers: breakersPage,
  queues: queuesPage,
  outbox: outboxPage,
  executions: executionsPage,
  audit: auditPage,
};

function currentPage(): string {
  const name = location.hash.slice(1);
  return name in PAGES ? name : 'topology';
}

let rendering = false;

async function render(): Promise<void> {
  const signedIn = session.token !== null;
  document.querySelector<HTMLElement>('#sign-in')!.hidden = signedIn;
  document.querySelector<HTMLElement>('#signed-in')!.hidden = !signedIn;
  document.querySelector<HTMLElement>('#tabs')!.hidden = !signedIn;
  if (!signedIn) {
    page.replaceChildren(h('p', {}, 'Give an administrator bearer token to see the system.'));
    return;
  }
  document.querySelector('#operator')!.textContent = subjectOf(session.token!);
  const name = currentPage();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#tabs a'))
    link.classList.toggle('active', link.hash === `#${name}`);
  if (rendering) return;
  rendering = true;
  try {
    const nodes = await PAGES[name]!();
    // Keep what the operator is typing: skip a refresh while a field of the page has focus.
    if (name === currentPage()) page.replaceChildren(...nodes);
  } finally {
    rendering = false;
  }
}

document.querySelector('#sign-in')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = document.querySelector<HTMLInputElement>('#token')!.value.trim();
  session.token = token || null;
  void run(async () => undefined);
});
document.querySelector('#dev-token')!.addEventListener(
  'click',
  () =>
    void run(async () => {
      try {
        const issued = await api<{ token: string }>('POST', '/dev/admin-token', {
          operatorId: 'console',
        });
        session.token = issued.token;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404)
          throw new Error(
            'No development tokens here (a real token issuer is configured): paste an admin token',
            { cause: error },
          );
        throw error;
      }
    }),
);
document.querySelector('#sign-out')!.addEventListener('click', () => {
  session.token = null;
  void run(async () => undefined);
});
window.addEventListener('hashchange', () => void run(async () => undefined));

// Live: the page refreshes every 2 s, unless the operator is typing in it.
setInterval(() => {
  if (session.token && !page.contains(document.activeElement)) void run(async () => undefined);
}, 2000);
void run(async () => undefined);
