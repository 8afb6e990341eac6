import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import type { RequestContext } from '../../../../platform/kernel';
import { NotificationSender } from '../../../../platform/notifications/notification-sender';
import type { OrganizationRole } from '../../domain';
import type { InvitationMessages } from '../../application/ports';

const ROLE_NAMES: Record<OrganizationRole, string> = { principal: 'principal', manager: 'manager', staff: 'staff member' };

/** The invitation e-mail; delivered by the platform (a Bull job, SMTP or the outbox table in development and tests). */
@Injectable()
export class NotificationInvitationMessages implements InvitationMessages {
  constructor(
    private readonly sender: NotificationSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invitation(
    ctx: RequestContext,
    to: string,
    invitation: { organizationName: string; role: OrganizationRole; token: string; expiresAt: Date },
  ): Promise<void> {
    const base = this.config.http.appUrl.replace(/\/+$/, '');
    const link = `${base}/invitations/accept?token=${encodeURIComponent(invitation.token)}`;
    await this.sender.sendMail(
      ctx,
      {
        to,
        subject: `You are invited to join ${invitation.organizationName} on RevSync`,
        text:
          `You have been invited to join ${invitation.organizationName} on RevSync as ${ROLE_NAMES[invitation.role]}.\n\n` +
          `To accept, sign in (or sign up) with this e-mail address and open this link before ${invitation.expiresAt.toISOString()}:\n${link}\n\n` +
          'If you do not want to join, you can decline from the same page or ignore this message.',
      },
      `organizations:invitation:${createHash('sha256').update(invitation.token).digest('hex')}`,
    );
  }
}
