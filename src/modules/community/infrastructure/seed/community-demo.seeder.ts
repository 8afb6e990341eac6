import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, type DemoSeeder } from '../../../../platform/demo/demo-seed';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import { DEMO_ADMIN, DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, OrganizationsApi, ORG_STAFF } from '../../../organizations';
import { CreateCategoryUseCase } from '../../application/forum/categories.use-cases';
import { ReplyUseCase, StartThreadUseCase } from '../../application/forum/posts.use-cases';
import { NotifyUseCase } from '../../application/notifications/notify.use-case';
import { COMMUNITY_UNIT_OF_WORK, type CommunityUnitOfWork } from '../../application/ports';

interface DemoThread {
  author: string;
  title: string;
  body: string;
  replies: Array<{ author: string; body: string }>;
}

interface DemoBoard {
  slug: string;
  name: string;
  description: string;
  /** Slug of the organization whose private board it is. */
  organization?: string;
  threads: DemoThread[];
}

const [riley, jamie, alex] = DEMO_CUSTOMERS.map((customer) => customer.email);
const pitLane = DEMO_ORGANIZATIONS.find((org) => org.slug === 'pit-lane-repairs')!;

const BOARDS: DemoBoard[] = [
  {
    slug: 'general',
    name: 'General',
    description: 'Bikes, cars and everything with an engine.',
    threads: [
      {
        author: riley,
        title: 'First track day: what should I check?',
        body: 'Booked my **first track day** in May. Tyres, brake pads, fluids… what else?',
        replies: [
          { author: jamie, body: 'Tape the lights and mirrors, and bring a tyre pressure gauge.' },
          { author: alex, body: 'Check the chain tension and torque the axle nuts. Have fun!' },
          { author: riley, body: 'Thanks both, adding it to the list.' },
        ],
      },
    ],
  },
  {
    slug: 'ecu-tuning',
    name: 'ECU tuning',
    description: 'Maps, stages, dyno runs. Share results, not unsafe settings.',
    threads: [
      {
        author: jamie,
        title: 'Stage 1 on the MT-09: worth it?',
        body: 'Thinking of a stage 1 map for my MT-09. Did anyone measure the difference on a dyno?',
        replies: [
          { author: alex, body: 'About +6 hp at the top and a much smoother throttle below 4,000 rpm.' },
          { author: riley, body: 'Same here. Get one reviewed on RevSync so the AFR stays safe.' },
        ],
      },
    ],
  },
  {
    slug: 'pit-lane-crew',
    name: 'Pit Lane crew room',
    description: 'Internal board of Pit Lane Repairs.',
    organization: pitLane.slug,
    threads: [
      {
        author: pitLane.members[0].email,
        title: 'Bay 2 lift service on Friday',
        body: 'The lift in bay 2 is serviced on Friday morning: plan bookings around it.',
        replies: [{ author: pitLane.members[2].email, body: 'Noted, I moved the two oil changes to bay 1.' }],
      },
    ],
  },
];

/**
 * Community demo data: three boards (one private to Pit Lane Repairs) with
 * threads and replies written by the demo people, and a few notifications for
 * the demo customers. Idempotent: a board that exists (by slug) is left as it is.
 */
@Injectable()
@DemoSeed({ order: 30 })
export class CommunityDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(CommunityDemoSeeder.name);

  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    private readonly identity: IdentityApi,
    private readonly organizations: OrganizationsApi,
    private readonly createCategory: CreateCategoryUseCase,
    private readonly startThread: StartThreadUseCase,
    private readonly reply: ReplyUseCase,
    private readonly notify: NotifyUseCase,
  ) {}

  async seed(): Promise<{ boards: number; notifications: number }> {
    const base: RequestContext = { requestId: 'community-demo-seed', roles: ['system'] };
    const admin = await this.identity.findAccountByEmail(base, DEMO_ADMIN.email);
    if (!admin) return { boards: 0, notifications: 0 };
    const existing = new Set((await this.uow.repos.forum.listCategories({ orgId: null, all: true })).map((c) => c.slug));
    let boards = 0;
    for (const board of BOARDS) {
      if (existing.has(board.slug)) continue;
      const org = board.organization ? await this.organizations.organizationBySlug(base, board.organization) : undefined;
      if (board.organization && !org) continue;
      const { category } = await this.createCategory.execute(
        { ...base, userId: admin.id, roles: ['admin'] },
        { name: board.name, slug: board.slug, description: board.description, organizationId: org?.id ?? null },
      );
      for (const demo of board.threads) {
        const as = async (email: string): Promise<RequestContext> => {
          const account = await this.identity.findAccountByEmail(base, email);
          return { ...base, userId: account?.id, orgId: org?.id, roles: org ? [ORG_STAFF] : [] };
        };
        const { thread } = await this.startThread.execute(await as(demo.author), { categoryId: category.id, title: demo.title, body: demo.body });
        for (const reply of demo.replies) await this.reply.execute(await as(reply.author), { threadId: thread.id, body: reply.body });
      }
      boards += 1;
    }
    const notifications = await this.customerNotifications(base);
    if (boards || notifications) this.logger.log({ msg: 'community demo data seeded', boards, notifications });
    return { boards, notifications };
  }

  /** An order confirmation and a booking update for each demo customer (source keys make a second run add nothing). */
  private async customerNotifications(ctx: RequestContext): Promise<number> {
    let created = 0;
    for (const [index, customer] of DEMO_CUSTOMERS.entries()) {
      const account = await this.identity.findAccountByEmail(ctx, customer.email);
      if (!account) continue;
      const drafts = [
        { type: 'commerce.order_paid' as const, targetType: 'order', data: { items: 1 } },
        { type: 'bookings.booking_status' as const, targetType: 'booking', data: { from: 'pending', to: 'confirmed', reason: null } },
      ];
      for (const [n, draft] of drafts.entries()) {
        const outcome = await this.notify.execute(ctx, {
          sourceKey: `demo:${customer.email}:${n}`,
          userIds: [account.id],
          draft: { ...draft, groupKey: null, actorId: null, orgId: null, targetId: `00000000-0000-4000-8000-00000000000${index}` },
        });
        created += outcome.created;
      }
    }
    return created;
  }
}
