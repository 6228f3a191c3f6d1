import { ApiProperty } from '@nestjs/swagger';

export class ForecastIntervalDto {
  @ApiProperty({ example: 1180000, description: 'Expected bookings (the point forecast scored).' }) expected: number;
  @ApiProperty({ example: 980000 }) p10: number;
  @ApiProperty({ example: 1170000 }) p50: number;
  @ApiProperty({ example: 1390000 }) p90: number;
}

export class BacktestPeriodDto {
  @ApiProperty({ example: '2026-07-01', description: 'The day the forecast was made (as things stood at its start).' })
  cutoff: string;
  @ApiProperty({ example: '2026-07-01', description: 'Forecast window: from the cutoff...' }) from: string;
  @ApiProperty({ example: '2026-09-30', description: '...to the end of its fiscal quarter.' }) to: string;
  @ApiProperty({ example: 'Q3 FY2026' }) label: string;
  @ApiProperty({ example: 123, description: 'Open deals at the cutoff, rebuilt from history.' }) openDeals: number;
  @ApiProperty({ example: 1210000, description: 'What closed won with CloseDate in the window.' }) actual: number;
  @ApiProperty({ example: 300000, description: 'Part of `actual` from deals created after the cutoff.' })
  actualFromNewDeals: number;
  @ApiProperty({ example: 0, description: 'Already won at the cutoff with CloseDate in the window (known to both).' })
  booked: number;
  @ApiProperty({ type: ForecastIntervalDto }) predictive: ForecastIntervalDto;
  @ApiProperty({
    type: ForecastIntervalDto,
    description: 'Predictive, without the estimate for deals not yet created.',
  })
  predictiveOpenDealsOnly: ForecastIntervalDto;
  @ApiProperty({
    type: ForecastIntervalDto,
    description: 'Weighted pipeline at the cutoff; interval by simulating it.',
  })
  baseline: ForecastIntervalDto;
  @ApiProperty({ example: true, description: 'false: too little history at the cutoff; the close-date rule stood in.' })
  modelTrained: boolean;
}

export class AccuracyMetricsDto {
  @ApiProperty({ example: 0.12, description: 'Mean absolute percentage error of `expected` (windows with bookings).' })
  mape: number;
  @ApiProperty({ example: 0.03, description: 'Mean signed percentage error: above 0 over-forecasts.' }) bias: number;
  @ApiProperty({ example: 0.8, description: 'Share of windows whose actual fell within P10..P90 (0.8 is ideal).' })
  coverage: number;
  @ApiProperty({ example: 12 }) periods: number;
}

export class AccuracyComparisonDto {
  @ApiProperty({ type: AccuracyMetricsDto }) predictive: AccuracyMetricsDto;
  @ApiProperty({ type: AccuracyMetricsDto }) baseline: AccuracyMetricsDto;
}

export class ForecastAccuracyDto {
  @ApiProperty({ example: 'USD' }) currencyIsoCode: string;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z', nullable: true, type: String }) asOf: string | null;
  @ApiProperty({ example: 'month', enum: ['month', 'quarter'] }) cadence: string;
  @ApiProperty({ example: 42 }) seed: number;
  @ApiProperty({ example: 1000 }) trials: number;
  @ApiProperty({
    example: 'Amount x Probability of the open deals whose CloseDate lay in the window, at the cutoff',
    description: 'What the predictive forecast is compared with.',
  })
  baselineMethod: string;
  @ApiProperty({
    example: 1,
    description: "Share of the org's deals the model learnt from at each cutoff (a sample above 15,000 deals).",
  })
  trainingSampleRate: number;
  @ApiProperty({ type: [BacktestPeriodDto] }) periods: BacktestPeriodDto[];
  @ApiProperty({ type: AccuracyMetricsDto }) predictive: AccuracyMetricsDto;
  @ApiProperty({ type: AccuracyMetricsDto }) predictiveOpenDealsOnly: AccuracyMetricsDto;
  @ApiProperty({ type: AccuracyMetricsDto }) baseline: AccuracyMetricsDto;
  @ApiProperty({
    type: AccuracyComparisonDto,
    description: 'The same comparison on the quarter-start cutoffs alone (whole quarters forecast).',
  })
  quarterStarts: AccuracyComparisonDto;
}
