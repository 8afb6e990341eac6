import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import type { RequestContext } from '../../../../platform/kernel';
import { UserInsightsQuery } from '../../application/queries/user-insights.query';
import { AiUserInsightsDto } from './insights.dto';

@ApiTags('ai')
@Controller('ai/user-insights')
export class InsightsController {
  constructor(private readonly insights: UserInsightsQuery) {}

  @Get()
  @ApiOperation({
    operationId: 'ai_user_insights',
    summary:
      'The caller’s riding profile, activity and tastes summarized: figures, and a short text written by the language model when configured (cached until the activity changes) or a deterministic offline text',
  })
  @ApiOkResponse({ type: AiUserInsightsDto })
  async get(@Ctx() ctx: RequestContext): Promise<AiUserInsightsDto> {
    return AiUserInsightsDto.from(await this.insights.forMe(ctx));
  }
}
