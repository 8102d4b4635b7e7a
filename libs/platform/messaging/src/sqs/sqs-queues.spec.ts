import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#platform/config';
import { SqsOptions } from './sqs-options.js';
import { QueueNames } from './queue-names.js';

describe('QueueNames', () => {
  const names = new QueueNames('seam-prod-', new Set(['payments']));

  it('names command queues, DLQs (FIFO where configured) and event topics', () => {
    expect(names.command('catalog')).toBe('seam-prod-catalog');
    expect(names.deadLetters('payments')).toBe('seam-prod-payments-dlq.fifo');
    expect(names.eventTopic('ordering')).toBe('seam-prod-ordering-events');
  });

  it("puts the service's group in a reply queue's name, so IAM can scope it per service", () => {
    expect(names.reply('host-1a2b')).toBe('seam-prod-reply-host-1a2b');
    expect(names.reply('host-1a2b', 'payments')).toBe('seam-prod-reply-payments-host-1a2b');
    expect(names.reply('*', 'monolith-web')).toBe('seam-prod-reply-monolith-web-*');
  });
});

describe('SqsOptions reply group', () => {
  it('reads SEAM_SQS_REPLY_GROUP, and leaves it unset by default', () => {
    const base = { SEAM_TRANSPORT: 'sqs', SEAM_ENV: 'prod' };
    expect(SqsOptions.fromEnv(base)?.replyGroup).toBeUndefined();
    expect(SqsOptions.fromEnv({ ...base, SEAM_SQS_REPLY_GROUP: 'payments' })?.replyGroup).toBe(
      'payments',
    );
    expect(() => SqsOptions.fromEnv({ ...base, SEAM_SQS_REPLY_GROUP: 'a/b' })).toThrow(ConfigError);
  });
});
