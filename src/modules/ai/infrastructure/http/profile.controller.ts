import { Controller, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Body } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { ProfileQueries } from '../../application/queries/profile.queries';
import { SubmitOnboardingUseCase } from '../../application/use-cases/submit-onboarding.use-case';
import { UpdateRidingProfileUseCase } from '../../application/use-cases/update-riding-profile.use-case';
import { OnboardingDto, RidingProfileDto, UpdateProfileDto } from './profile.dto';

const INVALID_400 = 'Invalid answers, or vehicle models unknown to the catalog or retired (AI.VALIDATION_FAILED, HTTP.VALIDATION_FAILED)';
const NO_PROFILE_404 = 'No riding profile yet: complete the onboarding first (AI.PROFILE_MISSING)';

@ApiTags('ai')
@Controller('ai')
export class ProfileController {
  constructor(
    private readonly onboarding: SubmitOnboardingUseCase,
    private readonly update: UpdateRidingProfileUseCase,
    private readonly queries: ProfileQueries,
  ) {}

  @Post('onboarding')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'ai_onboarding_submit',
    summary: 'Answer the onboarding questionnaire: creates the caller’s riding profile (201) or replaces it when answered again (200)',
  })
  @ApiOkResponse({ type: RidingProfileDto, description: 'The profile was replaced' })
  @ApiCreatedResponse({ type: RidingProfileDto, description: 'The profile was created' })
  @ApiProblemResponse(400, INVALID_400)
  async submit(@Ctx() ctx: RequestContext, @Body() body: OnboardingDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<RidingProfileDto> {
    const { profile, created } = await this.onboarding.execute(ctx, body.toAnswers());
    if (created) void reply.status(201);
    return RidingProfileDto.from(profile);
  }

  @Get('profile')
  @ApiOperation({ operationId: 'ai_profile_get', summary: 'The caller’s riding profile' })
  @ApiOkResponse({ type: RidingProfileDto })
  @ApiProblemResponse(404, NO_PROFILE_404)
  async get(@Ctx() ctx: RequestContext): Promise<RidingProfileDto> {
    return RidingProfileDto.from(await this.queries.mine(ctx));
  }

  @Patch('profile')
  @ApiOperation({ operationId: 'ai_profile_update', summary: 'Edit some answers of the caller’s riding profile; the others are kept' })
  @ApiOkResponse({ type: RidingProfileDto })
  @ApiProblemResponse(400, INVALID_400)
  @ApiProblemResponse(404, NO_PROFILE_404)
  async patch(@Ctx() ctx: RequestContext, @Body() body: UpdateProfileDto): Promise<RidingProfileDto> {
    return RidingProfileDto.from(await this.update.execute(ctx, body.toChanges()));
  }
}
