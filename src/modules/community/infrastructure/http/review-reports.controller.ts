import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { ReportReviewUseCase } from '../../application/forum/review-reports';
import { FlagDto, FlagResponseDto } from './forum.dto';

@ApiTags('community')
@Controller('reviews')
export class ReviewReportsController {
  constructor(private readonly report: ReportReviewUseCase) {}

  @Post(':reviewId/flags')
  @ApiOperation({
    operationId: 'reviews_flag',
    summary: 'Report a marketplace review (spam, abuse…) to the operators: it enters the moderation queue; reports never hide it by themselves',
  })
  @ApiParam({ name: 'reviewId', format: 'uuid' })
  @ApiCreatedResponse({ type: FlagResponseDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, 'No such visible review (COMMUNITY.TARGET_NOT_FOUND)')
  @ApiProblemResponse(409, 'The caller reported it already (COMMUNITY.ALREADY_FLAGGED)')
  async flagReview(@Ctx() ctx: RequestContext, @UuidParam('reviewId') reviewId: string, @Body() body: FlagDto): Promise<FlagResponseDto> {
    return FlagResponseDto.from(await this.report.execute(ctx, { reviewId, reason: body.reason, note: body.note }));
  }
}
