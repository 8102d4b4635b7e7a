import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { workflowsOf } from './module-workflows.js';

const SAGA_FILE = join('libs', 'modules', 'ordering', 'workflows', 'order-fulfilment.asl.json');

describe('workflowsOf', () => {
  it('reads each declared workflow from its module’s workflows folder', () => {
    const [saga, ...rest] = workflowsOf([
      { name: 'catalog' },
      { name: 'ordering', workflows: ['order-fulfilment'] },
    ]);
    expect(rest).toEqual([]);
    expect(saga).toMatchObject({ module: 'ordering', name: 'order-fulfilment', file: SAGA_FILE });
    expect(saga!.tasks.length).toBeGreaterThan(0);
  });

  it('has nothing for modules that declare no workflows', () => {
    expect(workflowsOf([{ name: 'catalog' }, { name: 'payments', workflows: [] }])).toEqual([]);
  });

  it('fails on a declared workflow without a file, naming the file', () => {
    expect(() => workflowsOf([{ name: 'ordering', workflows: ['order-refund'] }])).toThrow(
      `Workflow "order-refund" of module "ordering" has no definition: cannot read ${join(
        'libs',
        'modules',
        'ordering',
        'workflows',
        'order-refund.asl.json',
      )} (ENOENT)`,
    );
  });

  it('fails on a workflow file of another module (the owner declares its own)', () => {
    expect(() => workflowsOf([{ name: 'payments', workflows: ['order-fulfilment'] }])).toThrow(
      /Workflow "order-fulfilment" of module "payments" has no definition/,
    );
  });

  it.each(['../ordering/order-fulfilment', 'Order-Fulfilment', 'order_fulfilment', 'order--x', ''])(
    'refuses the name %p (it is a file name and part of the state machine’s)',
    (name) => {
      expect(() => workflowsOf([{ name: 'ordering', workflows: [name] }])).toThrow(
        `Module "ordering" declares workflow "${name}": expected a lower-case name`,
      );
    },
  );

  it('refuses a workflow name two modules declare (they would be one state machine)', () => {
    expect(() =>
      workflowsOf([
        { name: 'ordering', workflows: ['order-fulfilment'] },
        { name: 'shipping', workflows: ['order-fulfilment'] },
      ]),
    ).toThrow('Workflow "order-fulfilment" is declared by both "ordering" and "shipping"');
  });
});
