import { describe, expect, it } from '@jest/globals';
import { assertMayAccess, mayAccess } from './order-access.js';
import { OrderAccessDeniedError } from './ordering.errors.js';

describe('order access', () => {
  it('lets customers see their own orders only', () => {
    expect(mayAccess({ subject: 'ada', admin: false }, 'ada')).toBe(true);
    expect(mayAccess({ subject: 'bob', admin: false }, 'ada')).toBe(false);
    expect(() => assertMayAccess({ subject: 'bob', admin: false }, 'ada')).toThrow(
      OrderAccessDeniedError,
    );
  });

  it('lets staff see every order', () => {
    expect(mayAccess({ subject: 'staff-1', admin: true }, 'ada')).toBe(true);
    expect(() => assertMayAccess({ subject: 'staff-1', admin: true }, 'ada')).not.toThrow();
  });

  it('matches customer ids exactly', () => {
    expect(mayAccess({ subject: 'Ada', admin: false }, 'ada')).toBe(false);
    expect(mayAccess({ subject: 'ada ', admin: false }, 'ada')).toBe(false);
    expect(mayAccess({ subject: '', admin: false }, 'ada')).toBe(false);
  });
});
