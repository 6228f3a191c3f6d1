import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where the mirror stands on one CDC channel: the replayId of the last event applied, written in
 * the same transaction as the event's changes so a restart resumes exactly after it.
 */
@Entity('sync_channel')
export class SyncChannel {
  @PrimaryColumn({ type: 'text' }) channel: string;
  @Column({ name: 'replay_id', type: 'bigint', nullable: true }) replayId: string | null;
  @Column({ name: 'loaded_at', type: 'timestamptz', nullable: true }) loadedAt: Date | null;
  @Column({ name: 'last_change_at', type: 'timestamptz', nullable: true }) lastChangeAt: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
