import type { DynamicModule, Type } from '@nestjs/common';
import type { AppConfig } from './config/config.schema';

/** How a process composes the application: what each context module receives from `register(options)`. */
export interface AppModuleOptions {
  /** Load the Bull processors in this process (worker, or API + worker in development). */
  processJobs: boolean;
  /** Serve HTTP routes (controllers). */
  serveHttp: boolean;
  /** Extra modules composed in (used by tests to mount probe routes). */
  extraImports?: Array<DynamicModule | Type>;
}

/**
 * The application module an entry point hands to the platform (src/app.module.ts's AppModule): the platform starts
 * whatever root it is given and never imports it, so it knows no context by name.
 */
export interface ApplicationRoot {
  register(config: AppConfig, options: AppModuleOptions): DynamicModule;
}
