import { ApiProperty } from '@nestjs/swagger';
import type { UserInsights } from '../../application/queries/user-insights.query';
import { INTERACTION_TYPES, type InteractionType } from '../../domain/interaction';
import { RidingProfileDto } from './profile.dto';

export class AiInsightsEventCountsDto {
  @ApiProperty() view: number;
  @ApiProperty() save: number;
  @ApiProperty() unsave: number;
  @ApiProperty() click: number;
  @ApiProperty() purchase: number;
  @ApiProperty() download: number;
  @ApiProperty() rate: number;
}

export class AiInsightsRatingsDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true, description: '1 to 5, one decimal' }) average: number | null;
}

export class AiInsightsActivityDto {
  @ApiProperty({ description: 'Events recorded (raw and rolled up), purchases included' }) events: number;
  @ApiProperty({ description: 'Distinct listings interacted with' }) listings: number;
  @ApiProperty({ type: AiInsightsEventCountsDto }) by_type: AiInsightsEventCountsDto;
  @ApiProperty() purchases: number;
  @ApiProperty({ description: 'Saves minus unsaves' }) saved: number;
  @ApiProperty({ type: AiInsightsRatingsDto }) ratings: AiInsightsRatingsDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_activity_at: string | null;
}

export class AiInsightsKindShareDto {
  @ApiProperty({ enum: ['tune', 'vehicle', 'part'] }) kind: string;
  @ApiProperty({ description: 'Share of the rider’s positive interest, 0 to 1' }) share: number;
}

export class AiInsightsListingDto {
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['tune', 'vehicle', 'part'] }) kind: string;
}

export class AiInsightsTastesDto {
  @ApiProperty({ type: AiInsightsKindShareDto, isArray: true }) kinds: AiInsightsKindShareDto[];
  @ApiProperty({ type: String, isArray: true, example: ['mt', '07', 'smooth', 'throttle'] }) keywords: string[];
  @ApiProperty({ type: AiInsightsListingDto, isArray: true, description: 'The listings the rider showed most interest in (at most 5)' })
  top_listings: AiInsightsListingDto[];
}

export class AiInsightsSummaryDto {
  @ApiProperty({ description: 'A few sentences for the rider' }) text: string;
  @ApiProperty({ enum: ['mistral', 'offline'], description: 'Written by the language model, or the deterministic offline text' }) source: string;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ description: 'The model’s text served from the per-user cache (kept until the activity or profile changes, one hour at most)' })
  cached: boolean;
  @ApiProperty({ format: 'date-time' }) generated_at: string;
  @ApiProperty({ type: String, nullable: true, example: 'AI.UNAVAILABLE', description: 'Why the offline text is served (null when the model wrote it)' })
  fallback_reason: string | null;
}

export class AiUserInsightsDto {
  @ApiProperty({ type: RidingProfileDto, nullable: true, description: 'null until the onboarding questionnaire is answered' })
  profile: RidingProfileDto | null;
  @ApiProperty({ type: AiInsightsActivityDto }) activity: AiInsightsActivityDto;
  @ApiProperty({ type: AiInsightsTastesDto }) tastes: AiInsightsTastesDto;
  @ApiProperty({ type: AiInsightsSummaryDto }) summary: AiInsightsSummaryDto;

  static from(insights: UserInsights): AiUserInsightsDto {
    const f = insights.figures;
    return {
      profile: insights.profile ? RidingProfileDto.from(insights.profile) : null,
      activity: {
        events: f.events,
        listings: f.listings,
        by_type: Object.fromEntries(INTERACTION_TYPES.map((t: InteractionType) => [t, f.byType[t]])) as unknown as AiInsightsEventCountsDto,
        purchases: f.purchases,
        saved: f.saved,
        ratings: { count: f.ratings.count, average: f.ratings.average },
        last_activity_at: f.lastActivityAt?.toISOString() ?? null,
      },
      tastes: {
        kinds: f.kinds.map((k) => ({ kind: k.kind, share: k.share })),
        keywords: f.keywords,
        top_listings: f.topListings.map((l) => ({ listing_id: l.listingId, title: l.title, kind: l.kind })),
      },
      summary: {
        text: insights.summary.text,
        source: insights.summary.source,
        model: insights.summary.model,
        cached: insights.summary.cached,
        generated_at: insights.summary.generatedAt,
        fallback_reason: insights.summary.fallbackReason,
      },
    };
  }
}
