import { Buffer } from 'node:buffer';
import type { OutgoingSms, SmsTransport } from './notification.types';

const SMS_TIMEOUT_MS = 10_000;

export interface HttpSmsSettings {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

export class SmsProviderError extends Error {}

/**
 * Sends through a Twilio-style REST API: a form-encoded POST to
 * `/2010-04-01/Accounts/{sid}/Messages.json` with HTTP Basic auth. A non-2xx
 * answer or a timeout throws, so the job is retried with backoff.
 */
export class HttpSmsTransport implements SmsTransport {
  private readonly endpoint: string;
  private readonly authorization: string;

  constructor(private readonly settings: HttpSmsSettings) {
    this.endpoint = `${settings.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  }

  async deliverSms(deliveryKey: string, sms: OutgoingSms): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        authorization: this.authorization,
        'content-type': 'application/x-www-form-urlencoded',
        // Lets the provider (or a proxy) drop a re-delivered job's duplicate.
        'idempotency-key': deliveryKey,
      },
      body: new URLSearchParams({ To: sms.to, From: this.settings.from, Body: sms.text }).toString(),
      signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
    });
    if (!response.ok) {
      // The provider's body can echo the message; only the status is kept.
      await response.body?.cancel();
      throw new SmsProviderError(`SMS provider answered ${response.status}`);
    }
    await response.body?.cancel();
  }
}
