import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AgencyKind } from '../domain/enums.js';

@Entity('agency')
export class AgencyEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: AgencyKind;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** The roles an agency's staff may hold; a token's roles are checked against these. */
@Entity('agency_role')
export class AgencyRoleEntity {
  @PrimaryColumn({ type: 'text' })
  agencyCode!: string;

  @PrimaryColumn({ type: 'text' })
  role!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
