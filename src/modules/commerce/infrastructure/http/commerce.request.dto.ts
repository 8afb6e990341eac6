import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { ORDER_STATUSES, OrderStatus } from '../../domain';
import { MAX_CART_LINES, MAX_QUANTITY } from '../../application/use-cases/place-order.use-case';

export const CHECKOUT_METHODS = ['card', 'wallet'] as const;

export class CartItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  listing_id: string;

  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number;
}

export class PlaceOrderDto {
  @ApiProperty({ type: [CartItemDto], minItems: 1, maxItems: MAX_CART_LINES * 2 })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CART_LINES * 2)
  @ValidateNested({ each: true })
  @Type(() => CartItemDto)
  items: CartItemDto[];

  @ApiPropertyOptional({
    enum: CHECKOUT_METHODS,
    default: 'card',
    description: 'card: a Stripe PaymentIntent per order; wallet: paid at once from the buyer’s wallet',
  })
  @IsOptional()
  @IsIn(CHECKOUT_METHODS)
  payment_method?: (typeof CHECKOUT_METHODS)[number];

  @ApiPropertyOptional({
    maxLength: 40,
    description: 'A seller’s discount code (any case), applied to that seller’s order; refused (422) when it does not apply',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  discount_code?: string;
}

export class RetryPaymentDto {
  @ApiPropertyOptional({ enum: CHECKOUT_METHODS, default: 'card' })
  @IsOptional()
  @IsIn(CHECKOUT_METHODS)
  payment_method?: (typeof CHECKOUT_METHODS)[number];
}

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}
