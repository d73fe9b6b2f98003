import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import type { PlacementApproach, SecurityLevel } from '../domain/enums.js';
import { PrisonerEntity } from './prisoner.entity.js';
import { SharedRecord } from './shared-record.js';

/** Security category and, for VEPs, the placement approach. */
@Entity('classification')
export class ClassificationEntity extends SharedRecord {
  @Column({ type: 'uuid' })
  prisonerId!: string;

  /** The owning prisoner, joined only to evaluate `prisoner.<field>` policy conditions. */
  @ManyToOne(() => PrisonerEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'prisoner_id' })
  prisoner?: Relation<PrisonerEntity>;

  @Column({ type: 'text' })
  securityCategory!: SecurityLevel;

  @Column({ type: 'text', nullable: true })
  placementApproach!: PlacementApproach | null;

  @Column({ type: 'date' })
  decidedOn!: string;

  @Column({ type: 'date', nullable: true })
  reviewDate!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
