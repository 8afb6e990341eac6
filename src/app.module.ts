import { DynamicModule, Module, Type } from '@nestjs/common';
import type { AppConfig } from './platform/config/config.schema';
import { PlatformModule } from './platform/platform.module';
import { CONTEXT_MODULES } from './modules';

export interface AppModuleOptions {
  /** Load the Bull processors in this process (worker, or API + worker in development). */
  processJobs: boolean;
  /** Serve HTTP routes (controllers). */
  serveHttp: boolean;
  /** Extra modules composed in (used by tests to mount probe routes). */
  extraImports?: Array<DynamicModule | Type>;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config, options), ...CONTEXT_MODULES.map((register) => register(options)), ...(options.extraImports ?? [])],
    };
  }
}
