import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateQueueCommand, ListQueuesCommand, TagQueueCommand } from '@aws-sdk/client-sqs';
import { LocalSqs } from '../../../../../test/support/aws/local-sqs.js';
import { ReplyQueueJanitor } from './reply-queue-janitor.js';
import { SqsOptions } from './sqs-options.js';
import { HEARTBEAT_TAG, SqsQueues } from './sqs-queues.js';

/** Reply queues left by processes that died are deleted; live ones (and other queues) stay. */
describe('ReplyQueueJanitor', () => {
  let local: LocalSqs;
  const prefix = `jan${Math.random().toString(36).slice(2, 8)}-`;
  const silent = { log: () => undefined, warn: () => undefined };
  const queueNames = async () =>
    ((await local.client.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? [])
      .map((url) => url.slice(url.lastIndexOf('/') + 1))
      .sort();

  beforeAll(async () => {
    local = await LocalSqs.start();
  });

  afterAll(async () => {
    await local.stop();
  });

  it('deletes reply queues whose heartbeat stopped, and keeps live ones, its own and command queues', async () => {
    const options = (instanceId: string) =>
      new SqsOptions({ queuePrefix: prefix, createQueues: true, instanceId, replyGroup: 'web' });
    const live = new SqsQueues(local.client, options('live'));
    const dead = new SqsQueues(local.client, options('dead'));
    const own = new SqsQueues(local.client, options('own'));
    await live.replyQueueUrl();
    const deadUrl = await dead.replyQueueUrl();
    await own.replyQueueUrl();
    await live.commandQueueUrl('payments');
    // The dead process last beat 20 minutes ago; the live one just now.
    await local.client.send(
      new TagQueueCommand({
        QueueUrl: deadUrl,
        Tags: { [HEARTBEAT_TAG]: String(Date.now() - 20 * 60_000) },
      }),
    );
    await live.heartbeat();

    const janitor = new ReplyQueueJanitor(
      local.client,
      `${prefix}reply-`,
      own.replyQueueName(),
      silent,
    );
    expect(await janitor.sweep()).toEqual([dead.replyQueueName()]);
    expect(await queueNames()).toEqual(
      [
        live.commandQueueName('payments'),
        live.deadLetterQueueName('payments'),
        live.replyQueueName(),
        own.replyQueueName(),
      ].sort(),
    );
    expect(await janitor.sweep()).toEqual([]);
  });

  it('judges a reply queue without a heartbeat (from before heartbeats) by when it was created', async () => {
    const name = `${prefix}reply-old-1`;
    await local.client.send(new CreateQueueCommand({ QueueName: name }));
    const janitor = new ReplyQueueJanitor(local.client, `${prefix}reply-`, 'none', silent);
    expect(await janitor.sweep()).toEqual([]); // just created
    expect(await janitor.sweep(Date.now() + 11 * 60_000)).toContain(name);
  });
});
