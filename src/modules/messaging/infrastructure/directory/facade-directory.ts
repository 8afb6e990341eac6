import { Injectable } from '@nestjs/common';
import { systemContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import { OrganizationsApi } from '../../../organizations';
import type { MessagingDirectory } from '../../application/ports';

/** Accounts through identity's facade, memberships through organizations'. */
@Injectable()
export class FacadeMessagingDirectory implements MessagingDirectory {
  constructor(
    private readonly identity: IdentityApi,
    private readonly organizations: OrganizationsApi,
  ) {}

  async unknownUsers(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const found = await this.identity.getAccounts(systemContext('messaging-directory'), userIds);
    const active = new Set(found.filter((account) => !account.disabled).map((account) => account.id));
    return userIds.filter((id) => !active.has(id));
  }

  pictures(userIds: string[]): Promise<Map<string, string>> {
    return this.identity.picturesFor(systemContext('messaging-directory'), userIds);
  }

  async isActiveMember(orgId: string, userId: string): Promise<boolean> {
    return (await this.organizations.activeRole(systemContext('messaging-directory'), orgId, userId)) !== undefined;
  }
}
