import { Controller, Get, Patch } from '@nestjs/common';
import { Body } from '../../../../platform/http/params';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '../../../../platform/kernel';
import { GetProfileUseCase } from '../../application/use-cases/get-profile.use-case';
import { UpdateProfileUseCase } from '../../application/use-cases/update-profile.use-case';
import { ApiProblem, Ctx } from './http-decorators';
import { UpdateProfileRequestDto, requestedFullName } from './identity.request.dto';
import { UserProfileDto } from './identity.response.dto';

@ApiTags('identity')
@Controller('auth/me')
export class ProfileController {
  constructor(
    private readonly getProfile: GetProfileUseCase,
    private readonly updateProfile: UpdateProfileUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'identity_get_me', summary: 'The signed-in user’s profile' })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiProblem(404, 'The account no longer exists')
  async me(@Ctx() ctx: RequestContext): Promise<UserProfileDto> {
    return UserProfileDto.from(await this.getProfile.execute(ctx));
  }

  @Patch()
  @ApiOperation({
    operationId: 'identity_update_me',
    summary: 'Change name, date of birth or phone number; any other field (e-mail, flags, roles) is refused',
  })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiProblem(404, 'The account no longer exists')
  async update(@Ctx() ctx: RequestContext, @Body() body: UpdateProfileRequestDto): Promise<UserProfileDto> {
    const view = await this.updateProfile.execute(ctx, { fullName: requestedFullName(body), dateOfBirth: body.date_of_birth, phoneNumber: body.phone_number });
    return UserProfileDto.from(view);
  }
}
