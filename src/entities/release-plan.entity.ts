import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, type Relation, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LicenceConditionType, ReleaseType } from '../domain/enums.js';
import { PrisonerEntity } from './prisoner.entity.js';
import { SharedRecord } from './shared-record.js';

@Entity('release_plan')
export class ReleasePlanEntity extends SharedRecord {
  @Column({ type: 'uuid' })
  prisonerId!: string;

  /** The owning prisoner, joined only to evaluate `prisoner.<field>` policy conditions. */
  @ManyToOne(() => PrisonerEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'prisoner_id' })
  prisoner?: Relation<PrisonerEntity>;

  @Column({ type: 'date' })
  expectedReleaseDate!: string;

  @Column({ type: 'text' })
  releaseType!: ReleaseType;

  /** Sensitive: shared only where a clause names it. */
  @Column({ type: 'text', nullable: true })
  releaseAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  supervisingOffice!: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  postReleaseServices!: string[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

@Entity('licence_condition')
export class LicenceConditionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  releasePlanId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  type!: LicenceConditionType;

  @Column({ type: 'text', nullable: true })
  details!: string | null;
}
