import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PulseConfig } from './pulse-config';

/** Makes the validated configuration injectable everywhere as `PulseConfig`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: PulseConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: PulseConfig, useValue: config }], exports: [PulseConfig] };
  }
}
