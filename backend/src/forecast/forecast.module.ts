import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { ForecastAccuracyService } from './backtest/forecast-accuracy.service';
import { CategoryForecastService } from './categories/category-forecast.service';
import { ForecastEngine } from './engine/forecast-engine.service';
import { TrainingDataSource } from './engine/training-data';
import { ForecastController } from './forecast.controller';
import { PredictiveForecastService } from './predictive/predictive-forecast.service';

/** Forecasts: by category (Collaborative Forecasts' view), predictive (learnt, simulated), and its backtest. */
@Module({
  imports: [SyncModule],
  controllers: [ForecastController],
  providers: [
    CategoryForecastService,
    PredictiveForecastService,
    ForecastAccuracyService,
    ForecastEngine,
    TrainingDataSource,
  ],
  exports: [ForecastEngine, PredictiveForecastService, ForecastAccuracyService],
})
export class ForecastModule {}
