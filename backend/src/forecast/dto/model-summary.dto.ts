import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CalibrationBinDto {
  @ApiProperty({ example: 0.3, description: 'Lower bound of predicted probability.' }) from: number;
  @ApiProperty({ example: 0.4 }) to: number;
  @ApiProperty({ example: 57, description: 'Held-out examples in the bin.' }) count: number;
  @ApiProperty({ example: 0.34, description: 'Mean calibrated probability the model gave them.' })
  meanPredicted: number;
  @ApiProperty({ example: 0.33, description: 'Share of them that happened.' }) observedRate: number;
}

export class CoefficientDto {
  @ApiProperty({ example: 'stage: Negotiation/Review' }) feature: string;
  @ApiProperty({ example: 1.42, description: 'Per standard deviation of the feature, in log-odds.' }) value: number;
}

export class SubModelDto {
  @ApiProperty({
    example: 'win',
    description: '"win" (P(win within 180 days)) or "quarter+k" (P(win in that quarter)).',
  })
  name: string;
  @ApiProperty({ example: true, description: 'false: too little history; the close-date rule stands in.' })
  trained: boolean;
  @ApiPropertyOptional({
    example: 4210,
    nullable: true,
    type: Number,
    description: 'Snapshots learnt from (view-all only).',
  })
  trainingExamples: number | null;
  @ApiProperty({
    example: 240,
    description: 'Held-out snapshots behind the figures below (your own deals unless view-all).',
  })
  heldOutExamples: number;
  @ApiProperty({ example: 0.151, nullable: true, type: Number, description: 'Brier score before calibration.' })
  brierRaw: number | null;
  @ApiProperty({
    example: 0.142,
    nullable: true,
    type: Number,
    description: 'Brier score after Platt calibration (out of fold).',
  })
  brierCalibrated: number | null;
  @ApiProperty({
    type: [CalibrationBinDto],
    description: 'Reliability of the calibrated probabilities on held-out deals.',
  })
  calibration: CalibrationBinDto[];
  @ApiPropertyOptional({ type: [CoefficientDto], nullable: true, description: 'View-all only.' })
  coefficients: CoefficientDto[] | null;
}

export class ModelSummaryDto {
  @ApiProperty({ example: '2026-11-24T09:00:00.000Z', description: 'When the model was learnt.' }) trainedAt: string;
  @ApiProperty({
    example: 'org',
    description:
      "Learnt from the whole org's history (no single deal can be read back from it); calibration figures are " +
      "computed on the viewer's own held-out deals unless they can view all.",
  })
  learntFrom: string;
  @ApiProperty({ example: 48, description: 'Snapshot dates (1st and 16th of each month) learnt from.' })
  snapshots: number;
  @ApiProperty({
    example: ['stage: Prospecting', 'log days in stage'],
    type: [String],
    description: 'Features of the win model; quarter models add the close date against the quarter.',
  })
  features: string[];
  @ApiProperty({ type: [SubModelDto] }) models: SubModelDto[];
}
