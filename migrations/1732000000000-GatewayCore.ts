import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway core schema: agencies, the prisoner file and the records shared about it,
 * and the MoUs whose clauses govern every disclosure.
 *
 * Every shared record carries its owner agency (the data controller) and its handling
 * marks (TLP, handling code, onward-disclosure rule): LED Art. 9 conditions travel with
 * the data. Timestamps are stored with millisecond precision so that the policy engine's
 * in-memory comparisons (JavaScript Dates) and its SQL comparisons agree exactly.
 */
export class GatewayCore1732000000000 implements MigrationInterface {
  name = 'GatewayCore1732000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE agency (
        code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
        name        text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('PRISON_ADMINISTRATION','LAW_ENFORCEMENT','PROBATION_SERVICE','OVERSIGHT','OTHER')),
        created_at  timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE agency_role (
        agency_code text NOT NULL REFERENCES agency(code),
        role        text NOT NULL CHECK (role ~ '^[A-Z][A-Z0-9_]{1,63}$'),
        description text,
        PRIMARY KEY (agency_code, role)
      )`);
    await q.query(`
      CREATE TABLE facility (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code text NOT NULL REFERENCES agency(code),
        code              text NOT NULL UNIQUE,
        name              text NOT NULL,
        security_level    text NOT NULL CHECK (security_level IN ('MAXIMUM','HIGH','MEDIUM','LOW'))
      )`);

    const handling = `
        tlp               text NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR','GREEN','AMBER','AMBER_STRICT','RED')),
        handling_code     text,
        onward_disclosure text NOT NULL DEFAULT 'NONE' CHECK (onward_disclosure IN ('NONE','WITH_ORIGINATOR_CONSENT','PERMITTED'))`;

    await q.query(`
      CREATE TABLE prisoner (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code     text NOT NULL REFERENCES agency(code),
        prison_number         text NOT NULL,
        national_id           text,
        full_name             text NOT NULL,
        date_of_birth         date,
        gender                text CHECK (gender IN ('FEMALE','MALE','OTHER')),
        nationality           text,
        facility_id           uuid REFERENCES facility(id),
        custody_status        text NOT NULL CHECK (custody_status IN ('REMAND','SENTENCED','RECALLED','RELEASED_ON_LICENCE','RELEASED')),
        vep_status            text NOT NULL DEFAULT 'NONE' CHECK (vep_status IN ('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP','OF_CONCERN','NONE')),
        expected_release_date date,
        religion              text,
        ethnicity             text,
        health_notes          text,
        dependants            text,
        ${handling},
        created_at            timestamptz(3) NOT NULL DEFAULT now(),
        updated_at            timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (owner_agency_code, prison_number)
      )`);
    await q.query(`CREATE INDEX prisoner_full_name_id_idx ON prisoner (full_name, id)`);
    await q.query(`CREATE INDEX prisoner_full_name_trgm_idx ON prisoner USING gin (lower(full_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX prisoner_prison_number_idx ON prisoner (prison_number)`);
    await q.query(`CREATE INDEX prisoner_national_id_idx ON prisoner (national_id)`);
    await q.query(`CREATE INDEX prisoner_vep_status_idx ON prisoner (vep_status)`);
    await q.query(`CREATE INDEX prisoner_facility_idx ON prisoner (facility_id)`);
    await q.query(`CREATE INDEX prisoner_expected_release_idx ON prisoner (expected_release_date)`);

    await q.query(`
      CREATE TABLE prisoner_name (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prisoner_id uuid NOT NULL REFERENCES prisoner(id) ON DELETE CASCADE,
        value       text NOT NULL,
        script      text NOT NULL CHECK (script IN ('LATIN','ARABIC','CYRILLIC','OTHER')),
        kind        text NOT NULL CHECK (kind IN ('PRIMARY','ALIAS','TRANSLITERATION'))
      )`);
    await q.query(`CREATE INDEX prisoner_name_prisoner_idx ON prisoner_name (prisoner_id)`);
    await q.query(`CREATE INDEX prisoner_name_trgm_idx ON prisoner_name USING gin (lower(value) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE classification (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code  text NOT NULL REFERENCES agency(code),
        prisoner_id        uuid NOT NULL REFERENCES prisoner(id),
        security_category  text NOT NULL CHECK (security_category IN ('MAXIMUM','HIGH','MEDIUM','LOW')),
        placement_approach text CHECK (placement_approach IN ('INTEGRATION','SPECIALIST_UNIT','SEPARATION','HYBRID')),
        decided_on         date NOT NULL,
        review_date        date,
        ${handling},
        created_at         timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX classification_prisoner_idx ON classification (prisoner_id, decided_on DESC)`);

    await q.query(`
      CREATE TABLE risk_flag (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code text NOT NULL REFERENCES agency(code),
        prisoner_id       uuid NOT NULL REFERENCES prisoner(id),
        category          text NOT NULL CHECK (category IN ('VIOLENCE','ESCAPE','HOSTAGE_TAKING','RADICALISATION_INFLUENCE','VULNERABLE_TO_RECRUITMENT','SELF_HARM','STAFF_CONDITIONING','ILLICIT_COMMUNICATIONS','WEAPONS_EXPLOSIVES_SKILLS','GANG_AFFILIATION','VICTIM_CONTACT')),
        severity          text NOT NULL CHECK (severity IN ('LOW','MODERATE','HIGH','VERY_HIGH')),
        status            text NOT NULL CHECK (status IN ('ACTIVE','EXPIRED','WITHDRAWN')),
        basis             text CHECK (basis IN ('CONVICTION','STRUCTURED_ASSESSMENT','GRADED_INTELLIGENCE','ADJUDICATED_INCIDENT','OBSERVATION')),
        summary           text,
        raised_at         timestamptz(3) NOT NULL,
        review_date       date,
        ${handling},
        created_at        timestamptz(3) NOT NULL DEFAULT now(),
        updated_at        timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX risk_flag_prisoner_idx ON risk_flag (prisoner_id, raised_at DESC)`);
    await q.query(`CREATE INDEX risk_flag_raised_idx ON risk_flag (raised_at DESC, id DESC)`);
    await q.query(`CREATE INDEX risk_flag_category_idx ON risk_flag (category, raised_at DESC)`);
    await q.query(`CREATE INDEX risk_flag_status_severity_idx ON risk_flag (status, severity)`);
    await q.query(`CREATE INDEX risk_flag_updated_idx ON risk_flag (updated_at)`);

    await q.query(`
      CREATE TABLE risk_assessment (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code text NOT NULL REFERENCES agency(code),
        prisoner_id       uuid NOT NULL REFERENCES prisoner(id),
        tool              text NOT NULL,
        tool_version      text,
        assessor          text,
        assessed_at       timestamptz(3) NOT NULL,
        overall_level     text NOT NULL CHECK (overall_level IN ('LOW','MODERATE','HIGH','VERY_HIGH')),
        domains           jsonb NOT NULL DEFAULT '[]',
        shareable_summary text,
        narrative         text,
        next_review_date  date,
        ${handling},
        created_at        timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX risk_assessment_prisoner_idx ON risk_assessment (prisoner_id, assessed_at DESC)`);
    await q.query(`CREATE INDEX risk_assessment_assessed_idx ON risk_assessment (assessed_at DESC, id DESC)`);
    await q.query(`CREATE INDEX risk_assessment_level_idx ON risk_assessment (overall_level)`);

    await q.query(`
      CREATE TABLE release_plan (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code     text NOT NULL REFERENCES agency(code),
        prisoner_id           uuid NOT NULL REFERENCES prisoner(id),
        expected_release_date date NOT NULL,
        release_type          text NOT NULL CHECK (release_type IN ('AUTOMATIC','PAROLE','END_OF_SENTENCE','HOME_DETENTION_CURFEW','DEPORTATION')),
        release_address       text,
        supervising_office    text,
        post_release_services text[] NOT NULL DEFAULT '{}',
        ${handling},
        created_at            timestamptz(3) NOT NULL DEFAULT now(),
        updated_at            timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX release_plan_release_idx ON release_plan (expected_release_date, id)`);
    await q.query(`CREATE INDEX release_plan_prisoner_idx ON release_plan (prisoner_id, expected_release_date)`);
    await q.query(`CREATE INDEX release_plan_office_idx ON release_plan (supervising_office, expected_release_date)`);

    await q.query(`
      CREATE TABLE licence_condition (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        release_plan_id uuid NOT NULL REFERENCES release_plan(id) ON DELETE CASCADE,
        position        integer NOT NULL,
        type            text NOT NULL CHECK (type IN ('APPROVED_RESIDENCE','CURFEW','GPS_MONITORING','EXCLUSION_ZONE','NON_CONTACT','REPORTING','DEVICE_DISCLOSURE','TRAVEL_DOCUMENT_SURRENDER','ATTEND_INTERVENTIONS')),
        details         text,
        UNIQUE (release_plan_id, position)
      )`);

    await q.query(`
      CREATE TABLE intervention (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code text NOT NULL REFERENCES agency(code),
        prisoner_id       uuid NOT NULL REFERENCES prisoner(id),
        programme         text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('DISENGAGEMENT','MENTORING','EDUCATION','VOCATIONAL','PSYCHOLOGICAL')),
        status            text NOT NULL CHECK (status IN ('REFERRED','ACTIVE','COMPLETED','WITHDRAWN')),
        started_on        date,
        ended_on          date,
        session_notes     text,
        ${handling},
        created_at        timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX intervention_prisoner_idx ON intervention (prisoner_id, started_on DESC)`);

    await q.query(`
      CREATE TABLE intelligence_report (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_agency_code        text NOT NULL REFERENCES agency(code),
        grading_scheme           text NOT NULL CHECK (grading_scheme IN ('UK_3X5X2','UK_5X5X5','EUROPOL')),
        source_evaluation        text NOT NULL,
        intelligence_assessment  text NOT NULL,
        sanitised_text           text,
        source_reference         text,
        priority                 text NOT NULL CHECK (priority IN ('ROUTINE','PRIORITY','IMMEDIATE')),
        ${handling},
        created_at               timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX intelligence_report_created_idx ON intelligence_report (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX intelligence_report_handling_idx ON intelligence_report (handling_code)`);
    await q.query(`
      CREATE TABLE intelligence_report_subject (
        report_id   uuid NOT NULL REFERENCES intelligence_report(id) ON DELETE CASCADE,
        prisoner_id uuid NOT NULL REFERENCES prisoner(id),
        PRIMARY KEY (report_id, prisoner_id)
      )`);
    await q.query(`CREATE INDEX intelligence_report_subject_prisoner_idx ON intelligence_report_subject (prisoner_id)`);

    await q.query(`
      CREATE TABLE mou (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference             text NOT NULL,
        version               integer NOT NULL CHECK (version >= 1),
        title                 text NOT NULL,
        provider_agency_code  text NOT NULL REFERENCES agency(code),
        recipient_agency_code text NOT NULL REFERENCES agency(code),
        legal_basis           text NOT NULL,
        purposes              text[] NOT NULL,
        valid_from            timestamptz(3) NOT NULL,
        valid_until           timestamptz(3),
        status                text NOT NULL CHECK (status IN ('DRAFT','PENDING_APPROVAL','APPROVED','ACTIVE','EXPIRED','SUSPENDED','TERMINATED','SUPERSEDED')),
        created_by            text NOT NULL,
        created_at            timestamptz(3) NOT NULL DEFAULT now(),
        updated_at            timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (reference, version),
        CHECK (provider_agency_code <> recipient_agency_code),
        CHECK (valid_until IS NULL OR valid_until > valid_from)
      )`);
    await q.query(`CREATE INDEX mou_recipient_status_idx ON mou (recipient_agency_code, status)`);
    await q.query(`CREATE INDEX mou_provider_idx ON mou (provider_agency_code)`);

    await q.query(`
      CREATE TABLE mou_clause (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mou_id                  uuid NOT NULL REFERENCES mou(id),
        position                integer NOT NULL,
        label                   text NOT NULL,
        subject_type            text NOT NULL,
        fields                  text[] NOT NULL CHECK (cardinality(fields) > 0),
        conditions              jsonb,
        purposes                text[] NOT NULL CHECK (cardinality(purposes) > 0),
        recipient_roles         text[] NOT NULL CHECK (cardinality(recipient_roles) > 0),
        max_tlp                 text NOT NULL CHECK (max_tlp IN ('CLEAR','GREEN','AMBER','AMBER_STRICT','RED')),
        onward_disclosure       text NOT NULL DEFAULT 'NONE' CHECK (onward_disclosure IN ('NONE','WITH_ORIGINATOR_CONSENT','PERMITTED')),
        retention_days          integer NOT NULL CHECK (retention_days > 0),
        case_reference_required boolean NOT NULL DEFAULT false,
        UNIQUE (mou_id, position)
      )`);

    await q.query(`
      CREATE TABLE mou_approval (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mou_id      uuid NOT NULL REFERENCES mou(id),
        agency_code text NOT NULL REFERENCES agency(code),
        user_id     text NOT NULL,
        approved_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (mou_id, agency_code)
      )`);

    // One row: bumped on every change that alters who can see what; gateway processes
    // LISTEN on 'liaison_policy' and rebuild abilities when it moves.
    await q.query(`
      CREATE TABLE policy_state (
        id         smallint PRIMARY KEY CHECK (id = 1),
        revision   bigint NOT NULL,
        changed_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO policy_state (id, revision) VALUES (1, 1)`);
    await q.query(`
      CREATE FUNCTION liaison_bump_policy_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE next_revision bigint;
      BEGIN
        UPDATE policy_state SET revision = revision + 1, changed_at = now() WHERE id = 1
          RETURNING revision INTO next_revision;
        PERFORM pg_notify('liaison_policy', next_revision::text);
        RETURN NULL;
      END $$`);
    for (const table of ['mou', 'mou_clause', 'agency', 'agency_role']) {
      await q.query(`
        CREATE TRIGGER ${table}_policy_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION liaison_bump_policy_revision()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'policy_state', 'mou_approval', 'mou_clause', 'mou', 'intelligence_report_subject',
      'intelligence_report', 'intervention', 'licence_condition', 'release_plan', 'risk_assessment',
      'risk_flag', 'classification', 'prisoner_name', 'prisoner', 'facility', 'agency_role', 'agency',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS liaison_bump_policy_revision()`);
  }
}
