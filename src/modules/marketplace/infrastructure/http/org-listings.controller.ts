import { Controller, Get, HttpCode, Patch, Post, Put, Redirect, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { multipartFile } from '../../../../platform/storage';
import { AddListingPhotoUseCase, AttachTuneFileUseCase, ListingPhotoLinkUseCase } from '../../application/use-cases/files.use-case';
import { positionOf } from './public-listings.controller';
import { MARKETPLACE_CONFIG, MarketplaceConfig } from '../../application/ports';
import { Inject } from '@nestjs/common';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { ORG_MANAGER, ORG_STAFF } from '../../../organizations';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { Body, Param, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingQueries } from '../../application/queries/listing.queries';
import { ArchiveListingUseCase, PublishListingUseCase } from '../../application/use-cases/change-listing-status.use-case';
import { CreateListingUseCase } from '../../application/use-cases/create-listing.use-case';
import { SubmitListingUseCase } from '../../application/use-cases/submit-listing.use-case';
import { UpdateListingUseCase } from '../../application/use-cases/update-listing.use-case';
import { AppealVerdictUseCase } from '../../application/use-cases/moderation.use-case';
import { ReasonDto } from './moderation.controller';
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
    private readonly attachTuneFile: AttachTuneFileUseCase,
    private readonly addPhoto: AddListingPhotoUseCase,
    @Inject(MARKETPLACE_CONFIG) private readonly config: MarketplaceConfig,
    private readonly appeal: AppealVerdictUseCase,
    private readonly photoLink: ListingPhotoLinkUseCase,
  ) {}

  @Post(':listingId/appeal')
  @HttpCode(200)
  @Roles(ORG_MANAGER)
  @ApiOperation({
    operationId: 'listings_appeal',
    summary: 'Appeal the latest rejection (manager and above; once per verdict): the listing goes to a moderator',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  @ApiProblemResponse(409, 'Not rejected (MARKETPLACE.INVALID_TRANSITION), or this verdict was already appealed (MARKETPLACE.APPEAL_ALREADY_USED)')
  async appealVerdict(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('listingId') listingId: string,
    @Body() body: ReasonDto,
  ): Promise<ListingDto> {
    return ListingDto.from({ listing: await this.appeal.execute(ctx, { orgId, listingId, reason: body.reason }), owner: true });
  }

  @Put(':listingId/file')
  @ApiOperation({
    operationId: 'listings_upload_tune_file',
    summary:
      'Upload or replace a tune’s file (multipart field `file`, streamed; type and size checked from the bytes; SHA-256 kept). Replacing the file of an approved or published tune sends it back to review.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(400, 'Not multipart, or no field named file (STORAGE.NOT_MULTIPART, STORAGE.NO_FILE); not a tune (MARKETPLACE.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  @ApiProblemResponse(409, TRANSITION_409)
  @ApiProblemResponse(422, 'Too large, empty, or not a tune file by its bytes (STORAGE.FILE_TOO_LARGE, STORAGE.EMPTY_FILE, STORAGE.TYPE_NOT_ALLOWED)')
  async uploadTuneFile(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('listingId') listingId: string,
    @Req() request: FastifyRequest,
  ): Promise<ListingDto> {
    const { stream, fileName } = await multipartFile(request, this.config.maxTuneFileBytes);
    return ListingDto.from({ listing: await this.attachTuneFile.execute(ctx, { orgId, listingId, stream, fileName }), owner: true });
  }

  @Post(':listingId/photos')
  @HttpCode(200)
  @ApiOperation({ operationId: 'listings_add_photo', summary: 'Add a photo to a vehicle or part (multipart field `file`; JPEG, PNG or WebP by its bytes)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(400, 'Not multipart, no field named file, a tune, or too many photos')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND_404)
  @ApiProblemResponse(409, TRANSITION_409)
  @ApiProblemResponse(422, 'Too large, empty, or not an image by its bytes (STORAGE.FILE_TOO_LARGE, STORAGE.EMPTY_FILE, STORAGE.TYPE_NOT_ALLOWED)')
  async uploadPhoto(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('listingId') listingId: string,
    @Req() request: FastifyRequest,
  ): Promise<ListingDto> {
    const { stream, fileName } = await multipartFile(request, this.config.maxPhotoBytes);
    return ListingDto.from({ listing: await this.addPhoto.execute(ctx, { orgId, listingId, stream, fileName }), owner: true });
  }

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

  @Get(':listingId/photos/:position')
  @Redirect(undefined, 302)
  @ApiOperation({
    operationId: 'listings_photo_own',
    summary: 'A photo of one of the organization’s vehicles or parts, in any status: redirects to a short-lived signed link',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiParam({ name: 'position', description: '1 for the first photo', schema: { type: 'integer', minimum: 1, maximum: 12 } })
  @ApiFoundResponse({ description: 'Location: the signed link' })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${NOT_FOUND_404}; or no such photo`)
  async photoOwn(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('listingId') listingId: string,
    @Param('position') position: string,
  ): Promise<{ url: string }> {
    return { url: await this.photoLink.execute(ctx, { orgId, listingId, position: positionOf(position) }) };
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
