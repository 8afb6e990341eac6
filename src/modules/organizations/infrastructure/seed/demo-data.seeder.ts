import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DemoSeed, DemoSeeder } from '../../../../platform/demo/demo-seed';
import { RequestContext, systemContext } from '../../../../platform/kernel';
import type { OrganizationKind, OrganizationRole } from '../../domain';
import { ACCOUNTS, Accounts, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../../application/ports';

/** Every demo account signs in with this password (local use only; the seed never runs in production). */
export const DEMO_PASSWORD = 'RevSync-Demo-2025!';
const DEMO_DOMAIN = 'demo.revsync.dev';
const DEMO_BIRTH_DATE = '1988-04-12';

interface DemoPerson {
  email: string;
  fullName: string;
  admin?: boolean;
}

interface DemoOrganization {
  kind: OrganizationKind;
  name: string;
  slug: string;
  contactEmail: string;
  members: Array<DemoPerson & { role: OrganizationRole }>;
}

const person = (local: string, fullName: string): DemoPerson => ({ email: `${local}@${DEMO_DOMAIN}`, fullName });

function staffed(kind: OrganizationKind, name: string, slug: string, tag: string, people: [string, string, string, string]): DemoOrganization {
  const [principal, manager, staff1, staff2] = people;
  return {
    kind,
    name,
    slug,
    contactEmail: `hello@${slug}.${DEMO_DOMAIN}`,
    members: [
      { ...person(`${tag}.principal`, principal), role: 'principal' },
      { ...person(`${tag}.manager`, manager), role: 'manager' },
      { ...person(`${tag}.staff1`, staff1), role: 'staff' },
      { ...person(`${tag}.staff2`, staff2), role: 'staff' },
    ],
  };
}

export const DEMO_ADMIN: DemoPerson = { ...person('admin', 'Avery Admin'), admin: true };

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  staffed('dealership', 'Velocity Motors', 'velocity-motors', 'velocity', ['Dana Principal', 'Marco Manager', 'Fiona Finance', 'Sam Sales']),
  staffed('dealership', 'Summit Auto Group', 'summit-auto-group', 'summit', ['Priya Principal', 'Miles Manager', 'Nora Finance', 'Theo Sales']),
  staffed('repair_shop', 'Pit Lane Repairs', 'pit-lane-repairs', 'pitlane', ['Rosa Principal', 'Gus Manager', 'Kai Mechanic', 'Lena Mechanic']),
  {
    kind: 'creator_studio',
    name: 'Apex Tunes Studio',
    slug: 'apex-tunes-studio',
    contactEmail: `hello@apex-tunes-studio.${DEMO_DOMAIN}`,
    members: [{ ...person('studio.creator', 'Cleo Creator'), role: 'principal' }],
  },
  {
    kind: 'creator_studio',
    name: 'Redline Maps Studio',
    slug: 'redline-maps-studio',
    contactEmail: `hello@redline-maps-studio.${DEMO_DOMAIN}`,
    members: [{ ...person('studio2.creator', 'Rhea Mapper'), role: 'principal' }],
  },
];

export const DEMO_CUSTOMERS: DemoPerson[] = [person('customer1', 'Riley Rider'), person('customer2', 'Jamie Driver'), person('customer3', 'Alex Owner')];

/**
 * Local demo data (README "Demo accounts"): a platform admin, two dealerships
 * and a repair shop each with a principal, a manager and two staff, a creator
 * studio and a few customers. Idempotent: what exists (by e-mail, by slug, by
 * membership) is left as it is, so running it again changes nothing.
 */
@Injectable()
@DemoSeed({ order: 0 })
export class DemoDataSeeder implements DemoSeeder {
  private readonly logger = new Logger('DemoData');

  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  seed(): Promise<{ accountsCreated: number; organizationsCreated: number }> {
    return this.run();
  }

  async run(): Promise<{ accountsCreated: number; organizationsCreated: number }> {
    const ctx = systemContext(`demo-seed-${randomUUID()}`);
    let accountsCreated = 0;
    let organizationsCreated = 0;
    const ensureAccount = async (who: DemoPerson): Promise<string> => {
      const existing = await this.accounts.findByEmail(ctx, who.email);
      if (existing) return existing.id;
      accountsCreated += 1;
      const created = await this.accounts.create(ctx, {
        email: who.email,
        fullName: who.fullName,
        password: DEMO_PASSWORD,
        dateOfBirth: DEMO_BIRTH_DATE,
        emailVerified: true,
        platformRoles: who.admin ? ['admin'] : [],
      });
      return created.id;
    };

    await ensureAccount(DEMO_ADMIN);
    for (const customer of DEMO_CUSTOMERS) await ensureAccount(customer);
    for (const demo of DEMO_ORGANIZATIONS) {
      const memberIds = new Map<string, string>();
      for (const member of demo.members) memberIds.set(member.email, await ensureAccount(member));
      if (await this.ensureOrganization(ctx, demo, memberIds)) organizationsCreated += 1;
    }
    if (accountsCreated || organizationsCreated) this.logger.log({ msg: 'demo data seeded', accounts: accountsCreated, organizations: organizationsCreated });
    return { accountsCreated, organizationsCreated };
  }

  private async ensureOrganization(ctx: RequestContext, demo: DemoOrganization, memberIds: Map<string, string>): Promise<boolean> {
    return this.uow.run(async (repos) => {
      let organization = await repos.organizations.findBySlug(demo.slug);
      const created = !organization;
      const now = new Date();
      if (!organization) {
        organization = {
          id: randomUUID(),
          kind: demo.kind,
          name: demo.name,
          slug: demo.slug,
          contactEmail: demo.contactEmail,
          contactPhone: null,
          website: null,
          address: null,
          status: 'active',
          suspendedAt: null,
          suspensionReason: null,
          createdAt: now,
          updatedAt: now,
        };
        await repos.organizations.insert(organization, null);
        await repos.audit.record(ctx, {
          orgId: organization.id,
          action: 'organization.created',
          targetType: 'organization',
          targetId: organization.id,
          metadata: { kind: demo.kind, slug: demo.slug, demo_data: true },
        });
      }
      for (const member of demo.members) {
        const userId = memberIds.get(member.email)!;
        if (await repos.memberships.find(organization.id, userId)) continue;
        await repos.memberships.insert({ orgId: organization.id, userId, role: member.role, status: 'active', addedBy: null, joinedAt: now, updatedAt: now });
        await repos.audit.record(ctx, {
          orgId: organization.id,
          action: 'member.added',
          targetType: 'member',
          targetId: userId,
          metadata: { role: member.role, demo_data: true },
        });
      }
      return created;
    });
  }
}
