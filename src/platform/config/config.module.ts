import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { AppConfig, ConfigReader, readModuleConfig } from './config.schema';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Holds the configuration validated before Nest starts (see bootstrap). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

/** A provider of a module's configuration slice (see readModuleConfig), validated when the application starts. */
export function moduleConfigProvider<T>(token: symbol | string, load: (read: ConfigReader, config: AppConfig) => T): Provider {
  return { provide: token, inject: [APP_CONFIG], useFactory: (config: AppConfig) => readModuleConfig(config, load) };
}
