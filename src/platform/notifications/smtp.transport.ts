import { Injectable } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type { MailTransport, OutgoingMail } from './notification.types';

const SMTP_TIMEOUT_MS = 10_000;

/** Sends through any SMTP server; a failure throws so the job is retried with backoff. */
@Injectable()
export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport(smtpUrl, {
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    } as never);
  }

  async deliverMail(deliveryKey: string, mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${deliveryKey.replace(/[^A-Za-z0-9.-]/g, '-')}@revsync>`,
    });
  }
}
