import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { MailDeliveryProcessor, SmsDeliveryProcessor } from './delivery.processor';
import { MAIL_TRANSPORT, SMS_TRANSPORT } from './notification.types';
import { NotificationSender } from './notification-sender';
import { OutboxMessageEntity } from './outbox.entity';
import { OutboxTransport } from './outbox.transport';
import { SmtpTransport } from './smtp.transport';
import { HttpSmsTransport } from './http-sms.transport';

/**
 * E-mail and SMS delivery. Producers get NotificationSender everywhere; the
 * processors (and so the transports) are only loaded where jobs are processed.
 */
@Global()
@Module({})
export class NotificationsModule {
  static register(options: { processJobs: boolean }): DynamicModule {
    const processors = options.processJobs
      ? [
          OutboxTransport,
          {
            provide: MAIL_TRANSPORT,
            inject: [APP_CONFIG, OutboxTransport],
            useFactory: (config: AppConfig, outbox: OutboxTransport) =>
              config.mail.smtpUrl ? new SmtpTransport(config.mail.smtpUrl, config.mail.from) : outbox,
          },
          {
            provide: SMS_TRANSPORT,
            inject: [APP_CONFIG, OutboxTransport],
            useFactory: (config: AppConfig, outbox: OutboxTransport) => {
              const { apiUrl, accountSid, authToken, from } = config.sms;
              return accountSid && authToken && from ? new HttpSmsTransport({ apiUrl, accountSid, authToken, from }) : outbox;
            },
          },
          MailDeliveryProcessor,
          SmsDeliveryProcessor,
        ]
      : [];
    return {
      module: NotificationsModule,
      imports: [TypeOrmModule.forFeature([OutboxMessageEntity])],
      providers: [NotificationSender, ...processors],
      exports: [NotificationSender],
    };
  }
}
