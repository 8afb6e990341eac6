import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { DomainError } from '../kernel/domain-error';
import { Query } from '../http/params';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ApiProblemResponse } from '../http/openapi';
import { OBJECT_STORAGE, ObjectStorage, STORAGE_CONFIG, StorageConfig } from './object-storage';
import { contentDisposition } from './s3-object-storage';
import { verifyLinkToken } from './signed-links';

export class StorageLinkQueryDto {
  @ApiProperty({ description: 'The signed link token', maxLength: 4096 })
  @IsString()
  @MaxLength(4096)
  @Matches(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'token is malformed' })
  token: string;
}

const linkInvalid = () => new DomainError('STORAGE.LINK_INVALID', 'not_found', 'This download link is invalid or has expired.');

/** Serves the local adapter's signed links (S3 links go to the bucket itself). */
@ApiTags('storage')
@Controller('storage/files')
export class StorageController {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(STORAGE_CONFIG) private readonly config: StorageConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'storage_download', summary: 'Download a stored file through a signed, expiring link handed out by another route' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file’s bytes', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponse(400, 'No token, or a malformed one')
  @ApiProblemResponse(404, 'Invalid, tampered or expired link, or the file is gone (STORAGE.LINK_INVALID)')
  async download(@Query() query: StorageLinkQueryDto, @Res() reply: FastifyReply): Promise<void> {
    if (this.storage.driver !== 'local') throw linkInvalid();
    const claims = verifyLinkToken(this.config.signingSecret, query.token);
    if (!claims) throw linkInvalid();
    const object = await this.storage.get(claims.key).catch(() => undefined);
    if (!object) throw linkInvalid();
    void reply
      .header('content-type', claims.type ?? object.contentType)
      .header('content-length', String(object.sizeBytes))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', contentDisposition(claims.name ?? 'file'));
    await reply.send(object.body);
  }
}
