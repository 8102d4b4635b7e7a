import { RuleViolationError } from './domain-error.js';

export class InvalidMoneyError extends RuleViolationError {
  readonly code = 'INVALID_MONEY';
}

/**
 * An amount in integer minor units (cents) of an ISO 4217 currency. Never a float.
 *
 * @example
 * const price = Money.of(1999, 'EUR'); // €19.99
 * price.times(3).amount; // 5997
 */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: string,
  ) {}

  static of(amount: number, currency: string): Money {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new InvalidMoneyError(
        `Amount must be a non-negative integer of minor units, got ${amount}`,
        {
          amount,
        },
      );
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new InvalidMoneyError(`Currency must be an ISO 4217 code, got "${currency}"`, {
        currency,
      });
    }
    return new Money(amount, currency);
  }

  times(quantity: number): Money {
    return Money.of(this.amount * quantity, this.currency);
  }

  plus(other: Money): Money {
    if (other.currency !== this.currency) {
      throw new InvalidMoneyError(`Cannot add ${other.currency} to ${this.currency}`, {
        currencies: [this.currency, other.currency],
      });
    }
    return Money.of(this.amount + other.amount, this.currency);
  }

  equals(other: Money): boolean {
    return this.amount === other.amount && this.currency === other.currency;
  }

  toJSON(): { amount: number; currency: string } {
    return { amount: this.amount, currency: this.currency };
  }
}
