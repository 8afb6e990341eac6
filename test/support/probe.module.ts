import { Controller, Get, Module, Post } from '@nestjs/common';
import { Body, Query } from '../../src/platform/http/params';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Public } from '../../src/platform/auth/public.decorator';
import { PageQueryDto } from '../../src/platform/http/pagination.dto';
import { Throttle } from '@nestjs/throttler';
import { AuthRateLimit } from '../../src/platform/http/rate-limit';
import { toPage, pageOffset } from '../../src/platform/kernel/page';
import { DomainError } from '../../src/platform/kernel/domain-error';

/**
 * Routes mounted only in tests, to exercise the platform's HTTP conventions
 * before any context has routes of its own. Never part of the application.
 */
class AddressDto {
  @ApiProperty() @IsString() @MaxLength(50) city: string;
}

class EchoDto {
  @ApiProperty() @IsEmail() email: string;
  @ApiProperty() @IsInt() @Min(1) @Max(10) count: number;
  @ApiProperty({ required: false }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

class SlowQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000) ms?: number;
}

/** How many `GET /probe/slow` requests the server is answering right now. */
export const slowRequests = { inFlight: 0 };

const ITEMS = Array.from({ length: 250 }, (_, index) => ({ n: index + 1 }));

@Controller('probe')
export class ProbeController {
  @Post('echo')
  @Public()
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }

  @Get('items')
  @Public()
  items(@Query() query: PageQueryDto) {
    const page = query.toPageRequest();
    return toPage(ITEMS.slice(pageOffset(page), pageOffset(page) + page.limit), ITEMS.length, page);
  }

  @Get('private')
  secret() {
    return { ok: true };
  }

  @Get('auth-limited')
  @Public()
  @AuthRateLimit()
  limited() {
    return { ok: true };
  }

  @Get('boom')
  @Public()
  boom(): never {
    throw new Error('duplicate key value violates unique constraint "users_email_key" at /srv/app/secret.ts:42');
  }

  @Get('conflict')
  @Public()
  conflict(): never {
    throw new DomainError('PROBE.CONFLICT', 'conflict', 'Already there.');
  }

  @Get('throttled')
  @Public()
  @Throttle({ default: { limit: 2, ttl: 60_000 } })
  throttled() {
    return { ok: true };
  }

  @Get('slow')
  @Public()
  async slow(@Query() query: SlowQueryDto) {
    slowRequests.inFlight += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, query.ms ?? 500));
      return { ok: true };
    } finally {
      slowRequests.inFlight -= 1;
    }
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
