import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LicenceConditionType, ReleaseType } from '../domain/enums.js';
import { PrisonerLinkedRecord } from './prisoner-linked-record.js';

@Entity('release_plan')
export class ReleasePlanEntity extends PrisonerLinkedRecord {
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
