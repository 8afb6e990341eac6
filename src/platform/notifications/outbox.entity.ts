import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OutboxChannel } from './notification.types';

/**
 * Messages recorded instead of sent, in development and tests: a developer
 * (or a test) reads what would have gone out. `delivery_key` is unique so a
 * re-delivered job records its message once.
 */
@Entity({ name: 'outbox_messages' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  channel: OutboxChannel;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', unique: true })
  deliveryKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
