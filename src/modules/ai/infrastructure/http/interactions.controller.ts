import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Body } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { RecordInteractionsUseCase } from '../../application/use-cases/record-interactions.use-case';
import { InteractionBatchDto, InteractionBatchResultDto } from './interactions.dto';

@ApiTags('ai')
@Controller('ai/interactions')
export class InteractionsController {
  constructor(private readonly record: RecordInteractionsUseCase) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'ai_interactions_record',
    summary:
      'Record a batch of up to 100 of the caller’s interactions with listings (view, save, unsave, click, purchase, download, rate); events already sent are ignored',
  })
  @ApiAcceptedResponse({ type: InteractionBatchResultDto })
  @ApiProblemResponse(400, 'Invalid events (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(429, 'Too many batches from this person in the last minute (AI.RATE_LIMITED, with Retry-After)')
  async post(@Ctx() ctx: RequestContext, @Body() body: InteractionBatchDto): Promise<InteractionBatchResultDto> {
    return InteractionBatchResultDto.from(await this.record.execute(ctx, body.toEvents()));
  }
}
