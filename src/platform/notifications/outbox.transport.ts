import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MailTransport, OutboxChannel, OutgoingMail, OutgoingSms, SmsTransport } from './notification.types';

@Injectable()
export class OutboxTransport implements MailTransport, SmsTransport {
  constructor(private readonly dataSource: DataSource) {}

  async deliverMail(deliveryKey: string, mail: OutgoingMail): Promise<void> {
    await this.record('email', deliveryKey, mail.to, mail.subject, mail.text);
  }

  async deliverSms(deliveryKey: string, sms: OutgoingSms): Promise<void> {
    await this.record('sms', deliveryKey, sms.to, null, sms.text);
  }

  private async record(channel: OutboxChannel, deliveryKey: string, recipient: string, subject: string | null, body: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO outbox_messages (channel, recipient, subject, body, delivery_key)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (delivery_key) DO NOTHING`,
      [channel, recipient, subject, body, deliveryKey],
    );
  }
}
