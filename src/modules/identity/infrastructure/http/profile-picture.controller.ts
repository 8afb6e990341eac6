import { Controller, Delete, Get, HttpCode, Inject, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../../../platform/auth/public.decorator';
import { Param, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { multipartFile } from '../../../../platform/storage';
import { PROFILE_PICTURE_SETTINGS, ProfilePictureSettings } from '../../application/ports';
import { GetProfilePictureUseCase } from '../../application/use-cases/get-profile-picture.use-case';
import { GetProfileUseCase } from '../../application/use-cases/get-profile.use-case';
import { RemoveProfilePictureUseCase } from '../../application/use-cases/remove-profile-picture.use-case';
import { SetProfilePictureUseCase } from '../../application/use-cases/set-profile-picture.use-case';
import { ApiProblem, Ctx } from './http-decorators';
import { UserProfileDto } from './identity.response.dto';

/** A picture's URL never serves other bytes (a new picture is a new version), so caches may keep it for a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

@ApiTags('identity')
@Controller('auth/me/picture')
export class ProfilePictureController {
  constructor(
    private readonly setPicture: SetProfilePictureUseCase,
    private readonly removePicture: RemoveProfilePictureUseCase,
    private readonly getProfile: GetProfileUseCase,
    @Inject(PROFILE_PICTURE_SETTINGS) private readonly settings: ProfilePictureSettings,
  ) {}

  @Put()
  @ApiOperation({
    operationId: 'identity_set_picture',
    summary:
      'Upload or replace the caller’s profile picture (multipart field `file`; JPEG, PNG or WebP by its bytes). It is re-encoded to WebP at 64, 256 and 512 pixels with all metadata (EXIF, GPS) removed; the URL changes with every upload.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiProblem(400, 'Not multipart, or no field named file (STORAGE.NOT_MULTIPART, STORAGE.NO_FILE)')
  @ApiProblem(404, 'The account no longer exists')
  @ApiProblem(
    422,
    'Too large, empty, not an image by its bytes, or an image that cannot be decoded (IDENTITY.PICTURE_TOO_LARGE, STORAGE.TYPE_NOT_ALLOWED, IDENTITY.PICTURE_UNREADABLE)',
  )
  async upload(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest): Promise<UserProfileDto> {
    const { stream } = await multipartFile(request, this.settings.maxBytes);
    await this.setPicture.execute(ctx, { stream });
    return UserProfileDto.from(await this.getProfile.execute(ctx));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ operationId: 'identity_remove_picture', summary: 'Remove the caller’s profile picture; its URLs answer 404 from then on' })
  @ApiNoContentResponse({ description: 'Removed (or there was none)' })
  async remove(@Ctx() ctx: RequestContext): Promise<void> {
    await this.removePicture.execute(ctx);
  }
}

@ApiTags('identity')
@Controller('profile-pictures')
export class ProfilePicturesPublicController {
  constructor(private readonly getPicture: GetProfilePictureUseCase) {}

  @Get(':userId/:version/:size')
  @Public()
  @ApiOperation({
    operationId: 'identity_profile_picture',
    summary: 'A profile picture (WebP), public and cacheable forever: the URL names the version, so it changes when the picture does',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiParam({ name: 'version', schema: { type: 'string', pattern: '^[a-f0-9]{16,64}$' } })
  @ApiParam({ name: 'size', schema: { type: 'integer', enum: [64, 256, 512] } })
  @ApiProduces('image/webp')
  @ApiOkResponse({ description: 'The image', schema: { type: 'string', format: 'binary' } })
  @ApiProblem(400, 'userId is not a UUID')
  @ApiProblem(404, 'No such picture, size or version (replaced or removed) (IDENTITY.PICTURE_NOT_FOUND)')
  async picture(
    @UuidParam('userId') userId: string,
    @Param('version') version: string,
    @Param('size') size: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const image = await this.getPicture.execute({ userId, version, size: /^\d{1,4}$/.test(size) ? Number(size) : NaN });
    void reply
      .header('content-type', 'image/webp')
      .header('content-length', String(image.sizeBytes))
      .header('cache-control', IMMUTABLE)
      .header('x-content-type-options', 'nosniff');
    await reply.send(image.body);
  }
}
