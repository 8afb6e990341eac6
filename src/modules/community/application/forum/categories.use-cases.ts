import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { CommunityErrors, WatchLevel } from '../../domain';
import { requireUser } from '../access';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork, PEOPLE_DIRECTORY, PeopleDirectory } from '../ports';
import { boardFilter, visibleCategory } from './forum-access';
import type { CategoryView } from './forum-views';

export interface CategoryInput {
  name: string;
  slug: string;
  description?: string;
  position?: number;
  /** The organization whose members alone see the board; absent: public. */
  organizationId?: string | null;
}

/** Platform admins create boards (the route says so); a private board's organization must exist. */
@Injectable()
export class CreateCategoryUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
  ) {}

  async execute(ctx: RequestContext, input: CategoryInput): Promise<CategoryView> {
    const orgId = input.organizationId ?? null;
    if (orgId && !(await this.people.organizationExists(ctx, orgId))) throw CommunityErrors.organizationNotFound();
    const now = new Date();
    const category = {
      id: randomUUID(),
      orgId,
      name: input.name,
      slug: input.slug,
      description: input.description ?? '',
      position: input.position ?? 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.uow.run((repos) => repos.forum.insertCategory(category));
    return { category, watchLevel: null };
  }
}

@Injectable()
export class UpdateCategoryUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { id: string } & Partial<Omit<CategoryInput, 'organizationId'>>): Promise<CategoryView> {
    return this.uow.run(async (repos) => {
      const current = await visibleCategory(repos, ctx, input.id);
      const category = {
        ...current,
        name: input.name ?? current.name,
        slug: input.slug ?? current.slug,
        description: input.description ?? current.description,
        position: input.position ?? current.position,
        updatedAt: new Date(),
      };
      await repos.forum.updateCategory(category);
      return { category, watchLevel: null };
    });
  }
}

@Injectable()
export class ListCategoriesQuery {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext): Promise<CategoryView[]> {
    const [categories, levels] = await Promise.all([
      this.uow.repos.forum.listCategories(boardFilter(ctx)),
      this.uow.repos.forum.categoryLevels(requireUser(ctx)),
    ]);
    return categories.map((category) => ({ category, watchLevel: levels.get(category.id) ?? null }));
  }
}

/** A person's level on a category: watching announces every new thread and reply there; muted silences its threads. */
@Injectable()
export class WatchCategoryUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { id: string; level: WatchLevel }): Promise<CategoryView> {
    const userId = requireUser(ctx);
    return this.uow.run(async (repos) => {
      const category = await visibleCategory(repos, ctx, input.id);
      await repos.forum.chooseCategoryLevel(category.id, userId, input.level);
      return { category, watchLevel: input.level };
    });
  }
}
