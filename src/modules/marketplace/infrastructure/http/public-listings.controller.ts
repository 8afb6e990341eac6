import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingQueries } from '../../application/queries/listing.queries';
import { TuneDownloadLinkUseCase } from '../../application/use-cases/files.use-case';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { DownloadLinkDto, ListingDto } from './listings.response.dto';

/** The public marketplace: published listings. */
@ApiTags('marketplace')
@Controller('listings')
export class PublicListingsController {
  constructor(
    private readonly queries: ListingQueries,
    private readonly downloadLink: TuneDownloadLinkUseCase,
  ) {}

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
    return ListingDto.from(await this.queries.one(ctx, listingId));
  }
}
