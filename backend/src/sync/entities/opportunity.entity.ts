import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../../database/column-types';

/** The mirror of Salesforce's Opportunity: the fields dashboards need, in typed columns. */
@Entity('opportunity')
@Index('IDX_opportunity_stage', ['stageName'], { where: 'NOT is_deleted' })
@Index('IDX_opportunity_owner_close', ['ownerId', 'closeDate'], { where: 'NOT is_deleted' })
export class Opportunity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'salesforce_id', type: 'varchar', length: 18, unique: true }) salesforceId: string;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ name: 'account_id', type: 'varchar', length: 18, nullable: true }) accountId: string | null;
  @Column({ name: 'owner_id', type: 'varchar', length: 18, nullable: true }) ownerId: string | null;
  @Column({ name: 'stage_name', type: 'text', nullable: true }) stageName: string | null;
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true, transformer: numericColumn }) amount:
    number | null;
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericColumn }) probability:
    number | null;
  @Column({ name: 'close_date', type: 'date', nullable: true }) closeDate: string | null;
  @Column({ name: 'forecast_category', type: 'text', nullable: true }) forecastCategory: string | null;
  @Column({ name: 'is_closed', type: 'boolean', nullable: true }) isClosed: boolean | null;
  @Column({ name: 'is_won', type: 'boolean', nullable: true }) isWon: boolean | null;
  @Column({ type: 'text', nullable: true }) type: string | null;
  @Column({ name: 'lead_source', type: 'text', nullable: true }) leadSource: string | null;
  @Column({ name: 'currency_iso_code', type: 'varchar', length: 3, nullable: true }) currencyIsoCode: string | null;
  @Column({ name: 'created_date', type: 'timestamptz', nullable: true }) createdDate: Date | null;
  @Column({ name: 'last_modified_date', type: 'timestamptz', nullable: true }) lastModifiedDate: Date | null;
  @Column({ name: 'system_modstamp', type: 'timestamptz' }) systemModstamp: Date;
  @Column({ name: 'is_deleted', type: 'boolean', default: false }) isDeleted: boolean;
  @Column({ name: 'last_synced_at', type: 'timestamptz' }) lastSyncedAt: Date;
}
