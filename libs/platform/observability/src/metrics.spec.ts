import { describe, expect, it } from '@jest/globals';
import { Metrics } from './metrics.js';

describe('Metrics', () => {
  it('returns the same metric when asked twice for one name', () => {
    const metrics = new Metrics();
    const first = metrics.counter('jobs_done_total', 'Jobs done.', ['queue']);
    expect(metrics.counter('jobs_done_total', 'Jobs done.', ['queue'])).toBe(first);
    const histogram = metrics.histogram('job_seconds', 'Job duration.', [], [0.1, 1]);
    expect(metrics.histogram('job_seconds', 'Job duration.')).toBe(histogram);
    const gauge = metrics.gauge('jobs_waiting', 'Jobs waiting.');
    expect(metrics.gauge('jobs_waiting', 'Jobs waiting.')).toBe(gauge);
  });

  it('refuses a name already taken by another kind of metric, naming both kinds', () => {
    const metrics = new Metrics();
    metrics.counter('jobs_total', 'Jobs.');
    expect(() => metrics.gauge('jobs_total', 'Jobs.')).toThrow(
      'Metric "jobs_total" is already registered as a counter; it cannot also be a gauge.',
    );
  });

  it('refuses a name already taken with other labels', () => {
    const metrics = new Metrics();
    metrics.counter('jobs_total', 'Jobs.', ['queue']);
    expect(() => metrics.counter('jobs_total', 'Jobs.', ['tenant'])).toThrow(/labels \[queue\]/);
  });

  it('refuses the name of a default process metric', () => {
    expect(() => new Metrics().gauge('process_cpu_user_seconds_total', 'x')).toThrow(
      /default process metric/,
    );
  });

  it('renders counter values and process metrics in the Prometheus text format', async () => {
    const metrics = new Metrics();
    metrics.counter('jobs_done_total', 'Jobs done.', ['queue']).inc({ queue: 'mail' }, 3);
    const text = await metrics.render();
    expect(text).toContain('# TYPE jobs_done_total counter');
    expect(text).toContain('jobs_done_total{queue="mail"} 3');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('keeps each instance separate from the others and from the global registry', async () => {
    const one = new Metrics();
    const other = new Metrics();
    one.counter('only_in_one_total', 'x').inc();
    other.counter('only_in_one_total', 'x');
    expect(await other.render()).toContain('only_in_one_total 0');
    expect(await one.render()).toContain('only_in_one_total 1');
  });
});
