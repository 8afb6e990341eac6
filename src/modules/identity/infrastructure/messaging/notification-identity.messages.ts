import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { NotificationSender } from '../../../../platform/notifications/notification-sender';
import type { OtpPurpose } from '../../domain';
import type { IdentityMessages } from '../../application/ports';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity-config';

/**
 * The words of identity's e-mails and SMS. Delivery is the platform's: each
 * message becomes a Bull job with retries, delivered by SMTP (or the outbox
 * table in development and tests).
 *
 * Every message gets its own de-duplication key: derived from the token it
 * carries (a retried job that sends the same link enqueues it once), or random
 * for notices. It also gives each delivery job a unique id, so deliveries from
 * different queue prefixes sharing one database never collide on the outbox's
 * delivery key (job ids restart at 1 for every prefix).
 */
@Injectable()
export class NotificationIdentityMessages implements IdentityMessages {
  constructor(
    private readonly sender: NotificationSender,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  private tokenKey(kind: string, token: string): string {
    return `identity:${kind}:${createHash('sha256').update(token).digest('hex')}`;
  }

  private link(path: string, token: string): string {
    return `${this.config.appUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
  }

  async emailVerification(ctx: RequestContext, to: string, token: string): Promise<void> {
    await this.sender.sendMail(
      ctx,
      {
        to,
        subject: 'Confirm your e-mail address',
        text: `Welcome to RevSync.\n\nConfirm your e-mail address by opening this link:\n${this.link('/verify-email', token)}\n\nIf you did not sign up, ignore this message.`,
      },
      this.tokenKey('email-verification', token),
    );
  }

  async emailChangeConfirmation(ctx: RequestContext, to: string, token: string): Promise<void> {
    await this.sender.sendMail(
      ctx,
      {
        to,
        subject: 'Confirm your new e-mail address',
        text: `Someone asked to use this address for a RevSync account.\n\nTo confirm, open this link:\n${this.link('/verify-email', token)}\n\nIf it was not you, ignore this message: nothing changes without it.`,
      },
      this.tokenKey('email-change', token),
    );
  }

  async emailChangedNotice(ctx: RequestContext, to: string, newEmail: string): Promise<void> {
    await this.sender.sendMail(
      ctx,
      {
        to,
        subject: 'Your e-mail address was changed',
        text: `The e-mail address of your RevSync account was changed to ${newEmail}.\n\nIf you did not do this, reset your password and contact support at once.`,
      },
      `identity:email-changed:${randomUUID()}`,
    );
  }

  async passwordReset(ctx: RequestContext, to: string, token: string, ttlMinutes: number): Promise<void> {
    await this.sender.sendMail(
      ctx,
      {
        to,
        subject: 'Reset your password',
        text: `To choose a new RevSync password, open this link within ${ttlMinutes} minutes:\n${this.link('/reset-password', token)}\n\nIf you did not ask for this, ignore this message: your password stays as it is.`,
      },
      this.tokenKey('password-reset', token),
    );
  }

  async passwordChangedNotice(ctx: RequestContext, to: string): Promise<void> {
    await this.sender.sendMail(
      ctx,
      {
        to,
        subject: 'Your password was changed',
        text: 'The password of your RevSync account was changed and every other session was signed out.\n\nIf you did not do this, reset your password at once.',
      },
      `identity:password-changed:${randomUUID()}`,
    );
  }

  async otpCode(ctx: RequestContext, to: string, code: string, purpose: OtpPurpose, ttlMinutes: number): Promise<void> {
    const what = purpose === 'login' ? 'sign-in' : 'verification';
    await this.sender.sendSms(
      ctx,
      { to, text: `${code} is your RevSync ${what} code. It expires in ${ttlMinutes} minutes. Never share it.` },
      `identity:otp:${randomUUID()}`,
    );
  }
}
