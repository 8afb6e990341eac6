/**
 * Every queue of the platform, named once. A context adds its queue here and
 * its processors to the worker; producers enqueue through JobQueue.
 */
export const QUEUES = {
  mail: 'mail',
  sms: 'sms',
  identity: 'identity',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

export const JOBS = {
  mailDeliver: 'mail.deliver',
  smsDeliver: 'sms.deliver',
  identityPasswordResetIssue: 'identity.password-reset.issue',
  identityRetentionSweep: 'identity.retention.sweep',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];
