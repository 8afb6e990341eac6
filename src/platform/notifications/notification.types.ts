export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
}

export type OutboxChannel = 'email' | 'sms';

/** Delivers one message; `deliveryKey` is stable across retries of the same job. */
export interface MailTransport {
  deliverMail(deliveryKey: string, mail: OutgoingMail): Promise<void>;
}

export interface SmsTransport {
  deliverSms(deliveryKey: string, sms: OutgoingSms): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export const SMS_TRANSPORT = Symbol('SMS_TRANSPORT');
