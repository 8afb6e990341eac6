import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, PageRequest } from '../kernel/page';

/** `?page&limit` on every list. Extend it for lists with filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  toPageRequest(): PageRequest {
    return { page: this.page ?? 1, limit: this.limit ?? DEFAULT_PAGE_LIMIT };
  }
}

export class PageMetaDto {
  @ApiPropertyOptional() page: number;
  @ApiPropertyOptional() limit: number;
  @ApiPropertyOptional() total: number;
  @ApiPropertyOptional() total_pages: number;
}
