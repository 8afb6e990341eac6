import { Injectable } from '@nestjs/common';
import type { LivePush } from '../../application/ports';

/**
 * Live delivery while the messaging gateway is not part of the application:
 * nobody is connected, nothing is pushed (notifications are stored and listed).
 */
@Injectable()
export class NoLivePush implements LivePush {
  async push(): Promise<void> {}

  async isOnline(): Promise<boolean> {
    return false;
  }
}
