import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, type DemoSeeder } from '../../../../platform/demo/demo-seed';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import { MarketplaceApi } from '../../../marketplace';
import { DEMO_ADMIN, DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, OrganizationsApi, ORG_STAFF } from '../../../organizations';
import { AddCommentUseCase } from '../../application/comments/comments.use-cases';
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

/** What the demo customers ask about the demo organizations' published listings, and who answers. */
const LISTING_QUESTIONS = [
  'Is this still available? Could I see it this weekend?',
  'Does the price include fitting?',
  'Any chance of a discount if I pick it up myself?',
];
const LISTING_ANSWERS = [
  'Yes, drop by any day from 9 to 6.',
  'Fitting is extra, about 30 minutes of labour.',
  'Send us a message and we will work something out.',
];

/**
 * Community demo data: three boards (one private to Pit Lane Repairs) with
 * threads and replies written by the demo people, comments of the demo
 * customers (answered by the seller) on the demo organizations' published
 * listings, and a few notifications for the demo customers. Idempotent: a
 * board that exists (by slug) is left as it is, a listing that has comments
 * gets no more. Runs after the marketplace's demo data (order 50): without
 * published listings it comments on nothing.
 */
@Injectable()
@DemoSeed({ order: 50 })
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
    private readonly marketplace: MarketplaceApi,
    private readonly addComment: AddCommentUseCase,
  ) {}

  async seed(): Promise<{ boards: number; notifications: number; comments: number }> {
    const base: RequestContext = { requestId: 'community-demo-seed', roles: ['system'] };
    const admin = await this.identity.findAccountByEmail(base, DEMO_ADMIN.email);
    if (!admin) return { boards: 0, notifications: 0, comments: 0 };
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
    const comments = await this.listingComments(base);
    if (boards || notifications || comments) this.logger.log({ msg: 'community demo data seeded', boards, notifications, comments });
    return { boards, notifications, comments };
  }

  /**
   * On the two newest published listings of each demo organization that has no comments yet: a demo customer's
   * question and the organization's answer (a reply by its first staff member). Returns the comments written.
   */
  private async listingComments(ctx: RequestContext): Promise<number> {
    let written = 0;
    let turn = 0;
    for (const demoOrg of DEMO_ORGANIZATIONS) {
      const org = await this.organizations.organizationBySlug(ctx, demoOrg.slug);
      if (!org) continue;
      const listings = await this.marketplace.publishedListingsOf(ctx, org.id, 2);
      const answerer = demoOrg.members.find((m) => m.role === 'staff') ?? demoOrg.members[0];
      const seller = await this.identity.findAccountByEmail(ctx, answerer.email);
      for (const listing of listings) {
        if ((await this.uow.repos.comments.listTopLevel('listing', listing.id, { page: 1, limit: 1 })).meta.total > 0) continue;
        const asker = await this.identity.findAccountByEmail(ctx, DEMO_CUSTOMERS[turn % DEMO_CUSTOMERS.length].email);
        if (!asker) continue;
        const question = await this.addComment.execute(
          { ...ctx, userId: asker.id, roles: [] },
          { targetType: 'listing', targetId: listing.id, body: LISTING_QUESTIONS[turn % LISTING_QUESTIONS.length] },
        );
        written += 1;
        if (seller) {
          await this.addComment.execute(
            { ...ctx, userId: seller.id, orgId: org.id, roles: [ORG_STAFF] },
            { targetType: 'listing', targetId: listing.id, body: LISTING_ANSWERS[turn % LISTING_ANSWERS.length], parentId: question.id },
          );
          written += 1;
        }
        turn += 1;
      }
    }
    return written;
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
