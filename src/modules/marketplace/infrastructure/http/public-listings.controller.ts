import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingQueries } from '../../application/queries/listing.queries';
import { ListingDto } from './listings.response.dto';

/** The public marketplace: published listings. */
@ApiTags('marketplace')
@Controller('listings')
export class PublicListingsController {
  constructor(private readonly queries: ListingQueries) {}

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
