import { DynamicModule, Module } from '@nestjs/common';
import type { AppModuleOptions } from './platform/application-root';
import type { AppConfig } from './platform/config/config.schema';
import { PlatformModule } from './platform/platform.module';
import { CONTEXT_MODULES } from './modules';

export type { AppModuleOptions };

/** The composition root: the platform and every context. Entry points hand it to the platform (startApi, startWorker, createHttpApp). */
@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config, options), ...CONTEXT_MODULES.map((register) => register(options)), ...(options.extraImports ?? [])],
    };
  }
}
