import type { Asl, ExecutionStep } from './console-api.js';

const SVG = 'http://www.w3.org/2000/svg';
const BOX_W = 170;
const BOX_H = 40;
const GAP_X = 30;
const GAP_Y = 34;

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'next' | 'catch';
}

/** Every transition of the definition: Next, Default, Choices and Catch (dashed). */
export function edgesOf(asl: Asl): Edge[] {
  return Object.entries(asl.States).flatMap(([from, state]) => [
    ...[state.Next, state.Default, ...(state.Choices ?? []).map((choice) => choice.Next)]
      .filter((to): to is string => typeof to === 'string')
      .map((to) => ({ from, to, kind: 'next' as const })),
    ...(state.Catch ?? []).map((handler) => ({ from, to: handler.Next, kind: 'catch' as const })),
  ]);
}

/**
 * Layers the states by their distance from StartAt (breadth first over every transition), one
 * row per layer; states that nothing reaches go last.
 */
export function layout(asl: Asl): Map<string, { x: number; y: number }> {
  const edges = edgesOf(asl);
  const depth = new Map<string, number>([[asl.StartAt, 0]]);
  const queue = [asl.StartAt];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const edge of edges.filter((candidate) => candidate.from === from)) {
      if (depth.has(edge.to)) continue;
      depth.set(edge.to, depth.get(from)! + 1);
      queue.push(edge.to);
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  for (const name of Object.keys(asl.States)) if (!depth.has(name)) depth.set(name, last);
  const rows = new Map<number, string[]>();
  for (const [name, level] of depth) rows.set(level, [...(rows.get(level) ?? []), name]);
  const positions = new Map<string, { x: number; y: number }>();
  for (const [level, names] of rows)
    names.forEach((name, index) =>
      positions.set(name, { x: 10 + index * (BOX_W + GAP_X), y: 10 + level * (BOX_H + GAP_Y) }),
    );
  return positions;
}

/** The latest run's step of each state. */
function latestSteps(steps: readonly ExecutionStep[]): Map<string, ExecutionStep> {
  const run = Math.max(0, ...steps.map((step) => step.run));
  return new Map(steps.filter((step) => step.run === run).map((step) => [step.state, step]));
}

function element<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/**
 * The state machine as an SVG graph: a box per state, coloured by the status of its latest
 * step, with its duration; arrows for Next/Default/Choices, dashed ones for Catch.
 */
export function drawAsl(asl: Asl, steps: readonly ExecutionStep[]): SVGSVGElement {
  const positions = layout(asl);
  const latest = latestSteps(steps);
  const width = Math.max(...[...positions.values()].map((p) => p.x)) + BOX_W + 10;
  const height = Math.max(...[...positions.values()].map((p) => p.y)) + BOX_H + 10;
  const svg = element('svg', { class: 'asl', width, height, viewBox: `0 0 ${width} ${height}` });
  const defs = element('defs', {});
  const marker = element('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: 10,
    refY: 5,
    markerWidth: 6,
    markerHeight: 6,
    orient: 'auto-start-reverse',
  });
  marker.append(element('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
  defs.append(marker);
  svg.append(defs);
  for (const edge of edgesOf(asl)) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (!from || !to) continue;
    svg.append(
      element('line', {
        class: edge.kind,
        x1: from.x + BOX_W / 2,
        y1: from.y + BOX_H,
        x2: to.x + BOX_W / 2,
        y2: to.y,
        'marker-end': 'url(#arrow)',
      }),
    );
  }
  for (const [name, position] of positions) {
    const step = latest.get(name);
    const group = element('g', { 'data-state': name, 'data-status': step?.status ?? 'NOT_RUN' });
    group.append(
      element('rect', {
        class: step?.status ?? 'NOT_RUN',
        x: position.x,
        y: position.y,
        width: BOX_W,
        height: BOX_H,
        rx: 6,
      }),
    );
    const title = element('text', { x: position.x + 8, y: position.y + 16 });
    title.textContent = name;
    const detail = element('text', { x: position.x + 8, y: position.y + 32 });
    detail.textContent = step
      ? `${step.status}${step.endedAt ? ` · ${Date.parse(step.endedAt) - Date.parse(step.startedAt)} ms` : ''}`
      : asl.States[name]!.Type;
    group.append(title, detail);
    svg.append(group);
  }
  return svg;
}
