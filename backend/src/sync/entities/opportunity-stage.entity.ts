import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../../database/column-types';

/** Salesforce's OpportunityStage: the org's stages, their order and whether they close a deal. */
@Entity('opportunity_stage')
export class OpportunityStage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'salesforce_id', type: 'varchar', length: 18, unique: true }) salesforceId: string;
  @Column({ name: 'api_name', type: 'text' }) apiName: string;
  @Column({ name: 'master_label', type: 'text' }) masterLabel: string;
  @Column({ name: 'sort_order', type: 'integer', nullable: true }) sortOrder: number | null;
  @Column({ name: 'is_active', type: 'boolean' }) isActive: boolean;
  @Column({ name: 'is_closed', type: 'boolean' }) isClosed: boolean;
  @Column({ name: 'is_won', type: 'boolean' }) isWon: boolean;
  @Column({
    name: 'default_probability',
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: numericColumn,
  })
  defaultProbability: number | null;
  @Column({ name: 'forecast_category', type: 'text', nullable: true }) forecastCategory: string | null;
  @Column({ name: 'system_modstamp', type: 'timestamptz' }) systemModstamp: Date;
  @Column({ name: 'last_synced_at', type: 'timestamptz' }) lastSyncedAt: Date;
}
