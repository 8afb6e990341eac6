import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Query } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import {
  LOCAL_CONTENT_MODEL,
  MAX_RECOMMENDATIONS,
  RecommendationQueries,
  type RecommendationList,
} from '../../application/recommendations/recommendation.use-cases';

const DEFAULT_LIMIT = 10;

export class RecommendationsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RECOMMENDATIONS, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_RECOMMENDATIONS)
  limit?: number;
}

export class RecommendationDto {
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty({ format: 'uuid', description: 'The seller' }) org_id: string;
  @ApiProperty({ enum: ['tune', 'vehicle', 'part'] }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() price_minor: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Hybrid score (higher first)' }) score: number;
  @ApiProperty({ example: 'Fits your MT-07', description: 'Why it is recommended, for people' }) reason: string;
  @ApiProperty({ enum: ['content', 'collaborative', 'popularity', 'vehicle'], isArray: true, description: 'What contributed, strongest first' })
  sources: string[];
}

export class RecommendationsMetaDto {
  @ApiProperty({ description: 'Served from the per-user cache (one hour; dropped on save, unsave, purchase or profile change)' }) cached: boolean;
  @ApiProperty({ format: 'date-time' }) generated_at: string;
  @ApiProperty({
    example: 'hybrid-embeddings-item2item-v2',
    description:
      'The recommender: `hybrid-embeddings-item2item-v2` when content similarity used embeddings, `hybrid-tfidf-item2item-v2` for the local fallback',
  })
  model: string;
  @ApiProperty({
    example: 'mistral-embed',
    description:
      'What scored content similarity: the embedding model (MISTRAL_EMBED_MODEL), or `local-tfidf` without Mistral or before the rider and listings are embedded (or while embedding fails)',
  })
  content_model: string;
}

export class RecommendationsDto {
  @ApiProperty({ type: RecommendationDto, isArray: true }) data: RecommendationDto[];
  @ApiProperty({ type: RecommendationsMetaDto }) meta: RecommendationsMetaDto;

  static from(list: RecommendationList): RecommendationsDto {
    return {
      data: list.items.map((r) => ({
        listing_id: r.listing.listingId,
        org_id: r.listing.orgId,
        kind: r.listing.kind,
        title: r.listing.title,
        price_minor: r.listing.priceMinor,
        currency: r.listing.currency,
        score: r.score,
        reason: r.reason,
        sources: r.sources,
      })),
      meta: {
        cached: list.cached,
        generated_at: list.generatedAt,
        model: list.contentModel === LOCAL_CONTENT_MODEL ? 'hybrid-tfidf-item2item-v2' : 'hybrid-embeddings-item2item-v2',
        content_model: list.contentModel,
      },
    };
  }
}

@ApiTags('ai')
@Controller('ai/recommendations')
export class RecommendationsController {
  constructor(private readonly queries: RecommendationQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'ai_recommendations',
    summary:
      'Published listings recommended to the caller (hybrid: content by embeddings or TF-IDF, riders-also-liked, popularity; only listings fitting the rider’s vehicles; nothing already bought; varied sellers), each with a reason',
  })
  @ApiOkResponse({ type: RecommendationsDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  async get(@Ctx() ctx: RequestContext, @Query() query: RecommendationsQueryDto): Promise<RecommendationsDto> {
    return RecommendationsDto.from(await this.queries.forMe(ctx, query.limit ?? DEFAULT_LIMIT));
  }
}
