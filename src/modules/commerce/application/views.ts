import type { OrderProps } from '../domain';
import type { Payment } from './ports';

export interface OrderView extends OrderProps {
  payments: Payment[];
}

export interface CheckoutView {
  checkoutId: string;
  orders: OrderView[];
}
