/**
 * Descriptions of the API's arguments, shared by the resolvers that take the same argument
 * (every list pages the same way). The schema test walks every argument and fails on one
 * without a description.
 */
export const ARGUMENT = {
  first: 'How many records this page holds: at most 100 (more is QUERY_TOO_COMPLEX); 20 when omitted.',
  after: 'The `pageInfo.endCursor` of the previous page; omitted: the first page.',
  filter: 'Only records matching every condition given. A filter on a field the caller cannot see on every record it may see is FORBIDDEN (it would reveal the field).',
  prisonerId: 'The prisoner\'s id. One the caller may not see answers exactly like one that does not exist (NOT_FOUND).',
  mouId: 'The id of one MoU version (from `mous` or `mou(reference:)`). An MoU the caller is not a party to answers like one that does not exist (NOT_FOUND).',
  mouReference: 'The MoU\'s reference, the same for every version, e.g. MOU-PRISONS-POLICE-01.',
  mouVersion: 'The version of the reference (from 1); omitted: the latest.',
  mouFilter: 'Only MoU versions matching every condition given.',
  clauseId: 'The id of a clause of an MoU version in DRAFT or PENDING_APPROVAL.',
  mouDraft: 'The terms and (optionally) the clauses of version 1 of a new reference; the caller\'s agency is the provider.',
  termsPatch: 'The terms to change; a field left out stays as it is (`validUntil: null` makes the MoU open-ended).',
  clause: 'The clause to add, validated like every clause when written.',
  clausePatch: 'The clause\'s fields to change; a field left out stays as it is (`conditions: null` removes the conditions).',
  reasonRequired: 'Why, in words the other party and the inspectorate will read (up to 2,000 characters; recorded in the admin log).',
  reasonOptional: 'Optionally, why, in words the other party and the inspectorate will read (up to 2,000 characters; recorded in the admin log).',
  explainInput: 'Who (agency, roles, purpose, case reference present), which record and optionally which field to explain.',
  disclosureFilter: 'Only entries matching every condition given (applied to what the reader is shown, so it cannot reveal the rest).',
  adminEventFilter: 'Only admin-log events matching every condition given.',
} as const;
