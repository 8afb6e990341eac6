import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { IntegrationEvent } from '../kernel/events';
import { EVENT_HANDLER_METADATA, EventHandlerMetadata } from './event-handler.decorator';

export interface RegisteredHandler {
  name: string;
  types: string[];
  attempts?: number;
  invoke(event: IntegrationEvent): Promise<unknown>;
}

/** Every @OnEvent method of the application's providers, found once at start. */
@Injectable()
export class EventHandlerRegistry implements OnModuleInit {
  private readonly byName = new Map<string, RegisteredHandler>();
  private readonly byType = new Map<string, RegisteredHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const metadata = Reflect.getMetadata(EVENT_HANDLER_METADATA, prototype, method) as EventHandlerMetadata | undefined;
        if (!metadata) continue;
        const name = metadata.name ?? `${instance.constructor.name}.${method}`;
        if (this.byName.has(name)) throw new Error(`Two event handlers are named ${name}: give one an explicit name`);
        const handler: RegisteredHandler = {
          name,
          types: metadata.types,
          attempts: metadata.attempts,
          invoke: (event) => (instance[method] as (event: IntegrationEvent) => Promise<unknown>).call(instance, event),
        };
        this.byName.set(name, handler);
        for (const type of metadata.types) this.byType.set(type, [...(this.byType.get(type) ?? []), handler]);
      }
    }
  }

  handlersFor(type: string): RegisteredHandler[] {
    return this.byType.get(type) ?? [];
  }

  get(name: string): RegisteredHandler | undefined {
    return this.byName.get(name);
  }
}
