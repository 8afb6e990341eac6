import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DomainError } from '../../../../platform/kernel';
import { CLIENT_EVENT_ID_MAX_LENGTH, INTERACTION_TYPES, type InteractionEvent, type InteractionType, MAX_INTERACTION_BATCH } from '../../domain/interaction';
import type { RecordedInteractions } from '../../application/use-cases/record-interactions.use-case';

const CLIENT_EVENT_ID = /^[A-Za-z0-9._:-]+$/;

export class InteractionEventDto {
  @ApiProperty({
    maxLength: CLIENT_EVENT_ID_MAX_LENGTH,
    example: '7f1c2a4e-view-1',
    description: 'The app’s own id for the event: a second event with the same id is ignored',
  })
  @IsString()
  @Length(1, CLIENT_EVENT_ID_MAX_LENGTH)
  @Matches(CLIENT_EVENT_ID, { message: 'client_event_id may hold letters, digits and . _ : -' })
  client_event_id: string;

  @ApiProperty({ enum: INTERACTION_TYPES })
  @IsIn(INTERACTION_TYPES)
  type: InteractionType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  listing_id: string;

  @ApiProperty({ format: 'date-time', description: 'When it happened on the device' })
  @IsISO8601({ strict: true })
  occurred_at: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5, description: 'Required for `rate`, refused otherwise' })
  @ValidateIf((event: InteractionEventDto) => event.type === 'rate' || event.rating !== undefined)
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;
}

export class InteractionBatchDto {
  @ApiProperty({ type: InteractionEventDto, isArray: true, minItems: 1, maxItems: MAX_INTERACTION_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INTERACTION_BATCH)
  @ValidateNested({ each: true })
  @Type(() => InteractionEventDto)
  events: InteractionEventDto[];

  toEvents(): InteractionEvent[] {
    return this.events.map((event, index) => {
      const occurredAt = new Date(event.occurred_at);
      if (Number.isNaN(occurredAt.getTime()) || (event.type !== 'rate' && event.rating !== undefined)) {
        const field = Number.isNaN(occurredAt.getTime()) ? 'occurred_at' : 'rating';
        throw new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
          errors: { [`events.${index}.${field}`]: [field === 'rating' ? 'rating is only for rate events' : 'occurred_at must be a valid date-time'] },
        });
      }
      return { clientEventId: event.client_event_id, type: event.type, listingId: event.listing_id.toLowerCase(), occurredAt, rating: event.rating ?? null };
    });
  }
}

export class InteractionBatchResultDto {
  @ApiProperty({ description: 'Events in the batch' }) received: number;
  @ApiProperty({ description: 'Events stored now' }) stored: number;
  @ApiProperty({ description: 'Events already stored before (same client_event_id), or repeated in the batch' }) duplicates: number;
  @ApiProperty({ description: 'Events ignored because they are older than the retention of raw events or in the future' }) rejected: number;

  static from(result: RecordedInteractions): InteractionBatchResultDto {
    return { received: result.received, stored: result.stored, duplicates: result.duplicates, rejected: result.rejected };
  }
}
