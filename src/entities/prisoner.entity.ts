import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CustodyStatus, Gender, NameKind, NameScript, VepStatus } from '../domain/enums.js';
import { SharedRecord } from './shared-record.js';

/** A person in the owner's custody: the prisoner file of Mandela Rules 7–8. */
@Entity('prisoner')
export class PrisonerEntity extends SharedRecord {
  @Column({ type: 'text' })
  prisonNumber!: string;

  @Column({ type: 'text', nullable: true })
  nationalId!: string | null;

  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'text', nullable: true })
  gender!: Gender | null;

  @Column({ type: 'text', nullable: true })
  nationality!: string | null;

  @Column({ type: 'uuid', nullable: true })
  facilityId!: string | null;

  @Column({ type: 'text' })
  custodyStatus!: CustodyStatus;

  @Column({ type: 'text', default: 'NONE' })
  vepStatus!: VepStatus;

  @Column({ type: 'date', nullable: true })
  expectedReleaseDate!: string | null;

  /** Statutory exclusion: never crosses the gateway. */
  @Column({ type: 'text', nullable: true })
  religion!: string | null;

  /** Statutory exclusion: never crosses the gateway. */
  @Column({ type: 'text', nullable: true })
  ethnicity!: string | null;

  /** Statutory exclusion (Mandela Rules 26, 32): stays with health staff. */
  @Column({ type: 'text', nullable: true })
  healthNotes!: string | null;

  /** Statutory exclusion (Bangkok Rules): information about the prisoner's children. */
  @Column({ type: 'text', nullable: true })
  dependants!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** A name the prisoner is known by, in a given script (e.g. Arabic original, Latin transliterations). */
@Entity('prisoner_name')
export class PrisonerNameEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  prisonerId!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'text' })
  script!: NameScript;

  @Column({ type: 'text' })
  kind!: NameKind;
}
