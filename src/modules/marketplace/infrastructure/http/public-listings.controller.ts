import { Controller, Get, HttpCode, Post, Redirect } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Param, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingQueries } from '../../application/queries/listing.queries';
import { ListingPhotoLinkUseCase, TuneDownloadLinkUseCase } from '../../application/use-cases/files.use-case';
import { AnalyticsQuery } from '../../application/use-cases/engagement.use-case';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { DownloadLinkDto, ListingDto } from './listings.response.dto';

/** A photo's position from the path (1 to 99; anything else finds no photo). */
export function positionOf(raw: string): number {
  return /^[1-9][0-9]?$/.test(raw) ? Number(raw) : 0;
}

/** The public marketplace: published listings. */
@ApiTags('marketplace')
@Controller('listings')
export class PublicListingsController {
  constructor(
    private readonly queries: ListingQueries,
    private readonly downloadLink: TuneDownloadLinkUseCase,
    private readonly analytics: AnalyticsQuery,
    private readonly photoLink: ListingPhotoLinkUseCase,
  ) {}

  @Get(':listingId/photos/:position')
  @Public()
  @Redirect(undefined, 302)
  @ApiOperation({ operationId: 'listings_photo', summary: 'A photo of a published vehicle or part: redirects to a short-lived signed link' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiParam({ name: 'position', description: '1 for the first photo', schema: { type: 'integer', minimum: 1, maximum: 12 } })
  @ApiFoundResponse({ description: 'Location: the signed link' })
  @ApiProblemResponse(404, 'No such published listing or photo (MARKETPLACE.LISTING_NOT_FOUND)')
  async photo(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string, @Param('position') position: string): Promise<{ url: string }> {
    return { url: await this.photoLink.execute(ctx, { listingId, position: positionOf(position) }) };
  }

  @Post(':listingId/download-link')
  @HttpCode(200)
  @ApiOrganizationHeader()
  @ApiOperation({
    operationId: 'listings_tune_download_link',
    summary: 'A short-lived signed link to a tune’s file: for buyers with an entitlement, the owner’s members (X-Organization-Id) and platform admins',
  })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: DownloadLinkDto })
  @ApiProblemResponse(401, 'Not signed in')
  @ApiProblemResponse(403, 'Buy the tune first (MARKETPLACE.NOT_ENTITLED)')
  @ApiProblemResponse(404, 'No such tune visible to the caller (MARKETPLACE.LISTING_NOT_FOUND)')
  @ApiProblemResponse(422, 'The tune has no file yet (MARKETPLACE.TUNE_FILE_MISSING)')
  async tuneDownloadLink(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string): Promise<DownloadLinkDto> {
    const link = await this.downloadLink.execute(ctx, { listingId });
    return {
      url: link.url,
      expires_at: link.expiresAt.toISOString(),
      file_name: link.file.fileName,
      sha256: link.file.sha256,
      size_bytes: link.file.sizeBytes,
    };
  }

  @Get(':listingId')
  @Public()
  @ApiOperation({ operationId: 'listings_get', summary: 'A published listing (VIN masked); anything else is 404' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(404, 'No such published listing (MARKETPLACE.LISTING_NOT_FOUND)')
  async getListing(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string): Promise<ListingDto> {
    const view = await this.queries.one(ctx, listingId);
    await this.analytics.view(view.listing);
    return ListingDto.from(view);
  }
}
