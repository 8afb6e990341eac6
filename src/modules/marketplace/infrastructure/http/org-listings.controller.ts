import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { ORG_MANAGER, ORG_STAFF } from '../../../organizations';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingQueries } from '../../application/queries/listing.queries';
import { ArchiveListingUseCase, PublishListingUseCase } from '../../application/use-cases/change-listing-status.use-case';
import { CreateListingUseCase } from '../../application/use-cases/create-listing.use-case';
import { SubmitListingUseCase } from '../../application/use-cases/submit-listing.use-case';
import { UpdateListingUseCase } from '../../application/use-cases/update-listing.use-case';
import { changesForUpdate, detailsForCreate } from './listing-mapping';
import { ArchiveListingDto, CreateListingDto, OrgListingsQueryDto, UpdateListingDto } from './listings.request.dto';
import { ListingDto, ListingPageDto, ListingTransitionDto, ListingTransitionListDto, VerdictDto, VerdictListDto } from './listings.response.dto';

export const NOT_FOUND_404 = 'No such organization or listing, or the caller is not a member of it (ORGANIZATIONS.NOT_FOUND, MARKETPLACE.LISTING_NOT_FOUND)';
export const ROLE_403 = 'The caller’s role does not allow this, or the organization is suspended';
const TRANSITION_409 = 'The listing’s status does not allow this move (MARKETPLACE.INVALID_TRANSITION, MARKETPLACE.NOT_EDITABLE)';

/** An organization's own listings, in every status: drafting, editing, submitting, publishing, archiving. */
@ApiTags('marketplace')
@Controller('organizations/:orgId/listings')
@OrganizationFromPath()
@Roles(ORG_STAFF)
@AcceptsApiKey()
export class OrgListingsController {
  constructor(
    private readonly create: CreateListingUseCase,
    private readonly update: UpdateListingUseCase,
    private readonly submit: SubmitListingUseCase,
    private readonly publish: PublishListingUseCase,
    private readonly archive: ArchiveListingUseCase,
    private readonly queries: ListingQueries,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'listings_create',
    summary: 'Draft a listing (staff and above): tunes by creator studios, vehicles by dealerships, parts by dealerships and repair shops',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: ListingDto })
  @ApiProblemResponse(400, 'Invalid fields (MARKETPLACE.VALIDATION_FAILED)')
  @ApiProblemResponse(403, `${ROLE_403}; the organization does not sell this kind (MARKETPLACE.KIND_NOT_ALLOWED)`)
  @ApiProblemResponse(404, NOT_FOUND_404)
  async createListing(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: CreateListingDto): Promise<ListingDto> {
    const listing = await this.create.execute(ctx, {
      orgId,
      kind: body.kind,
      title: body.title,
      description: body.description ?? '',
      priceMinor: body.price_minor,
      currency: body.currency,
      stock: body.stock,
      details: detailsForCreate(body.kind, body),
    });
    return ListingDto.from({ listing, owner: true });
  }

  @Get()
  @ApiOperation({ operationId: 'listings_list_own', summary: 'The organization’s listings in every status, newest first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: ListingPageDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  async listOwn(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: OrgListingsQueryDto): Promise<ListingPageDto> {
    return ListingPageDto.from(await this.queries.listInOrg(ctx, orgId, { kind: query.kind, status: query.status }, query.toPageRequest()));
  }

  @Get(':listingId')
  @ApiOperation({ operationId: 'listings_get_own', summary: 'One of the organization’s listings, in any status, with the full VIN' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  async getOwn(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('listingId') listingId: string): Promise<ListingDto> {
    return ListingDto.from(await this.queries.inOrg(ctx, orgId, listingId));
  }

  @Patch(':listingId')
  @ApiOperation({
    operationId: 'listings_update',
    summary: 'Edit a listing (draft, rejected, approved or published). Changing a tune’s declared changes after approval sends it back to review.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(400, 'Invalid fields (MARKETPLACE.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  @ApiProblemResponse(409, TRANSITION_409)
  async updateListing(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('listingId') listingId: string,
    @Body() body: UpdateListingDto,
  ): Promise<ListingDto> {
    const listing = await this.update.execute(ctx, { orgId, listingId, changes: (kind, details) => changesForUpdate(kind, details, body) });
    return ListingDto.from({ listing, owner: true });
  }

  @Post(':listingId/submit')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'listings_submit',
    summary: 'Submit for review: a tune goes to the AI safety gate (asynchronous); a vehicle or part gets the content check and is published when it passes',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  @ApiProblemResponse(409, TRANSITION_409)
  @ApiProblemResponse(422, 'A tune needs its file first (MARKETPLACE.TUNE_FILE_MISSING)')
  async submitListing(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('listingId') listingId: string): Promise<ListingDto> {
    return ListingDto.from({ listing: await this.submit.execute(ctx, { orgId, listingId }), owner: true });
  }

  @Post(':listingId/publish')
  @HttpCode(200)
  @Roles(ORG_MANAGER)
  @ApiOperation({ operationId: 'listings_publish', summary: 'Publish an approved listing (manager and above)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  @ApiProblemResponse(409, TRANSITION_409)
  async publishListing(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('listingId') listingId: string): Promise<ListingDto> {
    return ListingDto.from({ listing: await this.publish.execute(ctx, { orgId, listingId }), owner: true });
  }

  @Post(':listingId/archive')
  @HttpCode(200)
  @Roles(ORG_MANAGER)
  @ApiOperation({ operationId: 'listings_archive', summary: 'Archive a listing for good (manager and above)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(400, 'Invalid fields')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  @ApiProblemResponse(409, TRANSITION_409)
  async archiveListing(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('listingId') listingId: string,
    @Body() body: ArchiveListingDto,
  ): Promise<ListingDto> {
    return ListingDto.from({ listing: await this.archive.execute(ctx, { orgId, listingId, reason: body.reason }), owner: true });
  }

  @Get(':listingId/transitions')
  @ApiOperation({ operationId: 'listings_transitions', summary: 'The listing’s lifecycle history, oldest first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingTransitionListDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  async transitions(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('listingId') listingId: string,
  ): Promise<ListingTransitionListDto> {
    return { data: (await this.queries.history(ctx, orgId, listingId)).map(ListingTransitionDto.from) };
  }

  @Get(':listingId/verdicts')
  @ApiOperation({ operationId: 'listings_verdicts', summary: 'The listing’s review verdicts (safety gate, content check, moderators), oldest first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: VerdictListDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  async verdicts(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('listingId') listingId: string): Promise<VerdictListDto> {
    return { data: (await this.queries.verdicts(ctx, orgId, listingId)).map(VerdictDto.from) };
  }
}
