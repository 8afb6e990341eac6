import { Inject, Injectable } from '@nestjs/common';
import { NotificationType, isNotificationType } from '../../domain';
import { COMMUNITY_CONFIG, CommunityConfig, LINK_SIGNER, LinkSigner } from '../ports';

/** The one purpose these links serve: no other signed link of the platform is accepted in their place, nor they in another's. */
export const UNSUBSCRIBE_PURPOSE = 'community.notifications.unsubscribe';
/** `type` claim of a link that stops every notification e-mail. */
export const ALL_TYPES = '*';

export interface UnsubscribeClaims {
  userId: string;
  type: NotificationType | typeof ALL_TYPES;
}

@Injectable()
export class UnsubscribeLinks {
  constructor(
    @Inject(LINK_SIGNER) private readonly signer: LinkSigner,
    @Inject(COMMUNITY_CONFIG) private readonly config: CommunityConfig,
  ) {}

  token(userId: string, type: NotificationType | typeof ALL_TYPES): string {
    return this.signer.sign(UNSUBSCRIBE_PURPOSE, { u: userId, t: type }, this.config.unsubscribeLinkTtlSeconds);
  }

  unsubscribeUrl(userId: string, type: NotificationType | typeof ALL_TYPES): string {
    return `${this.config.appUrl}/notifications/unsubscribe?token=${encodeURIComponent(this.token(userId, type))}`;
  }

  read(token: string): UnsubscribeClaims | undefined {
    const claims = this.signer.verify(UNSUBSCRIBE_PURPOSE, token);
    if (!claims || typeof claims.u !== 'string' || typeof claims.t !== 'string') return undefined;
    if (claims.t !== ALL_TYPES && !isNotificationType(claims.t)) return undefined;
    return { userId: claims.u, type: claims.t as UnsubscribeClaims['type'] };
  }
}
