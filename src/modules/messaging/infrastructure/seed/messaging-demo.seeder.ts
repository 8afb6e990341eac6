import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, type DemoSeeder } from '../../../../platform/demo/demo-seed';
import { type RequestContext, systemContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import { DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, OrganizationsApi, ORG_STAFF } from '../../../organizations';
import { MESSAGING_UNIT_OF_WORK, type MessagingUnitOfWork } from '../../application/ports';
import { CreateConversationUseCase } from '../../application/use-cases/create-conversation.use-case';
import { SendMessageUseCase } from '../../application/use-cases/send-message.use-case';

interface DemoConversation {
  /** Stable key: the client transaction ids of its messages derive from it, so a second run sends nothing. */
  key: string;
  creator: string;
  others: string[];
  /** A group's name; absent for a direct conversation. */
  name?: string;
  /** Slug of the organization a group belongs to (its members only). */
  organization?: string;
  messages: Array<{ from: string; body: string }>;
}

const member = (slug: string, index: number): string => DEMO_ORGANIZATIONS.find((org) => org.slug === slug)!.members[index].email;
const [riley, jamie, alex] = DEMO_CUSTOMERS.map((customer) => customer.email);
const velocity = {
  principal: member('velocity-motors', 0),
  manager: member('velocity-motors', 1),
  finance: member('velocity-motors', 2),
  sales: member('velocity-motors', 3),
};
const summitSales = member('summit-auto-group', 3);
const pitLane = { manager: member('pit-lane-repairs', 1), mechanic: member('pit-lane-repairs', 2) };

const CONVERSATIONS: DemoConversation[] = [
  {
    key: 'riley-velocity',
    creator: riley,
    others: [velocity.sales],
    messages: [
      { from: riley, body: 'Hi Sam, is the 2021 MT-09 still available? Could I see it on Saturday?' },
      { from: velocity.sales, body: 'Hi Riley, it is. Saturday at 10:00 works: I will have it ready for a test ride.' },
      { from: riley, body: 'Great, see you then. Does it come with the service book?' },
      { from: velocity.sales, body: 'Yes, full history, last service 800 km ago.' },
    ],
  },
  {
    key: 'jamie-summit',
    creator: jamie,
    others: [summitSales],
    messages: [
      { from: jamie, body: 'Hello, what would you offer for my 2018 Golf as a trade-in?' },
      { from: summitSales, body: 'Hi Jamie! Send me the mileage and a few photos and I will come back with a figure today.' },
    ],
  },
  {
    key: 'alex-pit-lane',
    creator: alex,
    others: [pitLane.mechanic],
    messages: [
      { from: alex, body: 'Hi, my front brake squeaks since last week. Can you look at it during the oil change?' },
      { from: pitLane.mechanic, body: 'Sure, we will check the pads and discs and call you before replacing anything.' },
      { from: alex, body: 'Perfect, thanks Kai.' },
    ],
  },
  {
    key: 'velocity-sales-floor',
    creator: velocity.manager,
    others: [velocity.principal, velocity.finance, velocity.sales],
    name: 'Velocity sales floor',
    organization: 'velocity-motors',
    messages: [
      { from: velocity.manager, body: 'Morning team: the new MT-09 stock arrives Thursday, two units.' },
      { from: velocity.sales, body: 'One is already promised to Riley if the test ride goes well.' },
      { from: velocity.finance, body: 'I will prepare the financing offers for both.' },
      { from: velocity.principal, body: 'Good work. Let us keep one on the floor for the weekend.' },
    ],
  },
];

/**
 * Messaging demo data: the demo customers talking to Velocity Motors, Summit Auto Group and Pit Lane Repairs, and
 * a group conversation inside Velocity Motors, each with a few messages. Idempotent: direct conversations are
 * unique per pair, the group is found by its name among its creator's conversations, and every message has a
 * stable client transaction id (a second run replays them instead of sending).
 */
@Injectable()
@DemoSeed({ order: 40 })
export class MessagingDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(MessagingDemoSeeder.name);

  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    private readonly identity: IdentityApi,
    private readonly organizations: OrganizationsApi,
    private readonly create: CreateConversationUseCase,
    private readonly send: SendMessageUseCase,
  ) {}

  async seed(): Promise<{ conversations: number; messages: number }> {
    const base = systemContext('messaging-demo-seed');
    let conversations = 0;
    let messages = 0;
    for (const demo of CONVERSATIONS) {
      const people = await this.people(base, [demo.creator, ...demo.others]);
      if (!people) continue;
      const org = demo.organization ? await this.organizations.organizationBySlug(base, demo.organization) : undefined;
      if (demo.organization && !org) continue;
      const as = (email: string): RequestContext => ({ ...base, userId: people.get(email), orgId: org?.id, roles: org ? [ORG_STAFF] : [] });
      const creatorId = people.get(demo.creator)!;
      let conversationId = demo.name ? await this.existingGroup(creatorId, demo.name) : undefined;
      if (!conversationId) {
        const { conversation, created } = await this.create.execute(as(demo.creator), {
          type: demo.name ? 'group' : 'direct',
          participantIds: demo.others.map((email) => people.get(email)!),
          name: demo.name,
          orgId: org?.id,
        });
        conversationId = conversation.id;
        if (created) conversations += 1;
      }
      for (const [n, message] of demo.messages.entries()) {
        const { replayed } = await this.send.execute(as(message.from), { conversationId, clientTxnId: `demo-${demo.key}-${n}`, body: message.body });
        if (!replayed) messages += 1;
      }
    }
    if (conversations || messages) this.logger.log({ msg: 'messaging demo data seeded', conversations, messages });
    return { conversations, messages };
  }

  /** The demo accounts by e-mail; undefined when one is missing (the organizations seeder has not run). */
  private async people(ctx: RequestContext, emails: string[]): Promise<Map<string, string> | undefined> {
    const found = new Map<string, string>();
    for (const email of emails) {
      const account = await this.identity.findAccountByEmail(ctx, email);
      if (!account) return undefined;
      found.set(email, account.id);
    }
    return found;
  }

  private async existingGroup(creatorId: string, name: string): Promise<string | undefined> {
    for (const archived of [false, true]) {
      const page = await this.uow.repos.conversations.listForUser(creatorId, { archived }, { page: 1, limit: 100 });
      const match = page.data.find((row) => row.conversation.type === 'group' && row.conversation.name === name);
      if (match) return match.conversation.id;
    }
    return undefined;
  }
}
