import type {
  InterventionKind, LicenceConditionType, PlacementApproach, RiskFlagCategory, RiskLevel, SecurityLevel,
  VepStatus,
} from '../domain/enums.js';
import type { Random } from './random.js';

/**
 * The words of the synthetic demo population: names in their own scripts with their Latin
 * transliterations, and the phrases of flags, assessments, plans and reports. Every person
 * and text is invented; free text is marked "[SYNTHETIC]" where it is used.
 */

// ---------------------------------------------------------------------------------------------
// Names. Each entry: the name in its own script and its common Latin spellings (≥ 2, so every
// Arabic- or Cyrillic-script name has transliteration variants for name search to find).
// ---------------------------------------------------------------------------------------------

export interface ScriptName {
  native: string;
  latin: readonly string[];
}

export const n = (native: string, ...latin: string[]): ScriptName => ({ native, latin });

export const ARABIC_MALE = [
  n('محمد', 'Mohammed', 'Muhammad', 'Mohamed', 'Mohamad'),
  n('أحمد', 'Ahmed', 'Ahmad'),
  n('عبد الرحمن', 'Abdulrahman', 'Abd al-Rahman', 'Abdelrahman'),
  n('يوسف', 'Youssef', 'Yusuf', 'Yousef'),
  n('عمر', 'Omar', 'Umar'),
  n('علي', 'Ali', 'Aly'),
  n('خالد', 'Khaled', 'Khalid'),
  n('إبراهيم', 'Ibrahim', 'Ebrahim'),
  n('حسن', 'Hassan', 'Hasan'),
  n('حسين', 'Hussein', 'Husain', 'Hussain'),
  n('مصطفى', 'Mustafa', 'Moustafa', 'Mostafa'),
  n('عبد الله', 'Abdullah', 'Abd Allah', 'Abdallah'),
  n('طارق', 'Tariq', 'Tarek'),
  n('سعيد', 'Saeed', 'Said', 'Sayed'),
  n('كريم', 'Karim', 'Kareem'),
  n('ياسين', 'Yassin', 'Yasin', 'Yaseen'),
  n('بلال', 'Bilal', 'Belal'),
  n('حمزة', 'Hamza', 'Hamzah'),
  n('فيصل', 'Faisal', 'Faysal'),
  n('إسماعيل', 'Ismail', 'Ismael'),
];
export const ARABIC_FEMALE = [
  n('فاطمة', 'Fatima', 'Fatma', 'Fatimah'),
  n('عائشة', 'Aisha', 'Aysha', 'Aicha'),
  n('مريم', 'Maryam', 'Mariam'),
  n('خديجة', 'Khadija', 'Khadijah'),
  n('نور', 'Nour', 'Noor', 'Nur'),
  n('زينب', 'Zainab', 'Zeinab'),
  n('سارة', 'Sara', 'Sarah'),
  n('ليلى', 'Layla', 'Leila', 'Laila'),
];
export const ARABIC_FAMILY = [
  n('الحسن', 'Al-Hassan', 'Alhassan', 'El Hassan'),
  n('المصري', 'Al-Masri', 'El-Masry', 'Almasri'),
  n('الشامي', 'Al-Shami', 'Alshami', 'Ash-Shami'),
  n('حداد', 'Haddad', 'Hadad'),
  n('منصور', 'Mansour', 'Mansur'),
  n('العلي', 'Al-Ali', 'Alali'),
  n('قاسم', 'Qasim', 'Kassem', 'Kasim'),
  n('صالح', 'Saleh', 'Salih'),
  n('عثمان', 'Othman', 'Uthman', 'Osman'),
  n('الزهراني', 'Al-Zahrani', 'Alzahrani'),
  n('حمدان', 'Hamdan', 'Hamdane'),
  n('الخطيب', 'Al-Khatib', 'El-Khatib', 'Alkhatib'),
  n('ناصر', 'Nasser', 'Nasir'),
  n('بن علي', 'Ben Ali', 'Bin Ali'),
  n('الأنصاري', 'Al-Ansari', 'Alansari'),
  n('التميمي', 'Al-Tamimi', 'Altamimi'),
  n('الجبوري', 'Al-Jubouri', 'Al-Jibouri', 'Aljuburi'),
  n('بوزيد', 'Bouzid', 'Bou Zid'),
];
export const ARABIC_NATIONALITIES: readonly (readonly [string, number])[] = [
  ['GBR', 35], ['SYR', 9], ['IRQ', 9], ['EGY', 7], ['MAR', 7], ['DZA', 6], ['TUN', 5], ['LBY', 5],
  ['JOR', 4], ['YEM', 4], ['SDN', 5], ['SAU', 2], ['FRA', 2],
];

export const CYRILLIC_MALE = [
  n('Рустам', 'Rustam', 'Roustam'),
  n('Магомед', 'Magomed', 'Magomet'),
  n('Артём', 'Artyom', 'Artem'),
  n('Дмитрий', 'Dmitry', 'Dmitriy', 'Dmitri'),
  n('Алексей', 'Aleksei', 'Alexey', 'Alexei'),
  n('Тимур', 'Timur', 'Timour'),
];
export const CYRILLIC_FAMILY = [
  n('Иванов', 'Ivanov', 'Ivanoff'),
  n('Алиев', 'Aliev', 'Aliyev'),
  n('Кузнецов', 'Kuznetsov', 'Kouznetsov'),
  n('Петренко', 'Petrenko', 'Petrenco'),
  n('Магомедов', 'Magomedov', 'Magometov'),
  n('Соколов', 'Sokolov', 'Sokoloff'),
];
export const CYRILLIC_NATIONALITIES: readonly (readonly [string, number])[] = [['RUS', 55], ['UKR', 20], ['GBR', 25]];

export interface LatinOrigin {
  nationality: string;
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
  ethnicity: readonly string[];
  religion: readonly (readonly [string, number])[];
}

export const CHRISTIAN_MOSTLY = [['Christian — Roman Catholic', 70], ['No religion', 25], ['Christian — other', 5]] as const;
export const MUSLIM_MOSTLY = [['Muslim', 85], ['No religion', 10], ['Christian — other', 5]] as const;

export const LATIN_ORIGINS: readonly (readonly [LatinOrigin, number])[] = [
  [{
    nationality: 'GBR',
    male: ['James', 'Daniel', 'Thomas', 'Ryan', 'Liam', 'Connor', 'Jack', 'Lewis', 'Craig', 'Darren'],
    female: ['Emma', 'Chloe', 'Sophie', 'Jade', 'Gemma'],
    family: ['Smith', 'Walker', 'Taylor', 'Hughes', 'Clarke', 'Evans', 'Robinson', 'Wright', 'Turner', 'Price'],
    ethnicity: ['White — British'],
    religion: [['No religion', 45], ['Christian — Church of England', 35], ['Christian — Roman Catholic', 8], ['Muslim', 6], ['Pagan', 3], ['Buddhist', 3]],
  }, 40],
  [{
    nationality: 'GBR',
    male: ['Marcus', 'Andre', 'Tyrone', 'Jermaine', 'Kyle'],
    female: ['Shanice', 'Keisha', 'Tanya'],
    family: ['Campbell', 'Brown', 'Williams', 'Thompson', 'Reid'],
    ethnicity: ['Black — Caribbean', 'Mixed — White and Black Caribbean'],
    religion: [['Christian — other', 45], ['No religion', 30], ['Rastafarian', 10], ['Muslim', 15]],
  }, 10],
  [{
    nationality: 'GBR',
    male: ['Imran', 'Usman', 'Zeeshan', 'Adeel', 'Kamran'],
    female: ['Ayesha', 'Sana', 'Nadia'],
    family: ['Qureshi', 'Hussain', 'Malik', 'Iqbal', 'Chaudhry'],
    ethnicity: ['Asian — Pakistani'],
    religion: MUSLIM_MOSTLY,
  }, 9],
  [{
    nationality: 'POL',
    male: ['Piotr', 'Tomasz', 'Krzysztof', 'Paweł', 'Michał'],
    female: ['Agnieszka', 'Katarzyna'],
    family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Zieliński'],
    ethnicity: ['White — Other'],
    religion: CHRISTIAN_MOSTLY,
  }, 8],
  [{
    nationality: 'ROU',
    male: ['Andrei', 'Ionuț', 'Mihai', 'Florin'],
    female: ['Elena', 'Ioana'],
    family: ['Popescu', 'Ionescu', 'Dumitru', 'Stan'],
    ethnicity: ['White — Other', 'White — Roma'],
    religion: [['Christian — Orthodox', 75], ['No religion', 20], ['Christian — other', 5]],
  }, 6],
  [{
    nationality: 'ALB',
    male: ['Arben', 'Besnik', 'Ilir', 'Gentian'],
    female: ['Elira'],
    family: ['Hoxha', 'Krasniqi', 'Berisha', 'Shehu'],
    ethnicity: ['White — Other'],
    religion: [['Muslim', 50], ['No religion', 30], ['Christian — Roman Catholic', 20]],
  }, 6],
  [{
    nationality: 'NGA',
    male: ['Chinedu', 'Emeka', 'Tunde', 'Oluwaseun'],
    female: ['Ngozi', 'Funmilayo'],
    family: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun'],
    ethnicity: ['Black — African'],
    religion: [['Christian — other', 60], ['Muslim', 30], ['No religion', 10]],
  }, 6],
  [{
    nationality: 'SOM',
    male: ['Abdi', 'Mahad', 'Liban', 'Abdirahman'],
    female: ['Hodan', 'Ifrah'],
    family: ['Warsame', 'Farah', 'Mohamud', 'Jama'],
    ethnicity: ['Black — African'],
    religion: MUSLIM_MOSTLY,
  }, 6],
  [{
    nationality: 'IRL',
    male: ['Seán', 'Ciarán', 'Pádraig', 'Declan'],
    female: ['Aoife', 'Siobhán'],
    family: ["O'Brien", 'Murphy', 'Byrne', "O'Sullivan", 'McCarthy'],
    ethnicity: ['White — Irish', 'White — Irish Traveller'],
    religion: CHRISTIAN_MOSTLY,
  }, 5],
  [{
    nationality: 'TUR',
    male: ['Emre', 'Mehmet', 'Burak', 'Serkan'],
    female: ['Elif', 'Zeynep'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin'],
    ethnicity: ['Other — Turkish'],
    religion: MUSLIM_MOSTLY,
  }, 4],
];

// ---------------------------------------------------------------------------------------------
// Statutory (T3) content: clearly synthetic, present for most prisoners so a leak would show.
// ---------------------------------------------------------------------------------------------

export const HEALTH_NOTES = [
  'Asthma; salbutamol inhaler in possession.',
  'Type 2 diabetes, diet-controlled; annual retinal screening due.',
  'History of depression; supported by the mental-health in-reach team.',
  'Opiate substitution therapy (methadone), stable dose.',
  'No significant conditions recorded at reception screening.',
  'Hepatitis C, treatment completed; sustained response.',
  'Chronic lower-back pain; physiotherapy referral.',
  'Epilepsy; medication reviewed by the prison GP.',
  'Hypertension; amlodipine prescribed.',
  'Post-traumatic stress symptoms; psychology waiting list.',
  'Hearing impairment (left ear); hearing aid issued.',
  'Previous self-harm (three years ago); ACCT closed.',
];
export const DEPENDANT_PHRASES = [
  (rng: Random) => `One child (aged ${rng.int(1, 16)}) living with the other parent; indirect contact only.`,
  (rng: Random) => `Two children (aged ${rng.int(1, 8)} and ${rng.int(9, 17)}) cared for by their grandmother; family visits monthly.`,
  () => 'No dependants recorded.',
  (rng: Random) => `Three children under ${rng.int(10, 16)}; local authority children's services involved.`,
  () => 'Stepchild in the partner\'s care; no contact restrictions recorded.',
  () => 'Adult son; no dependants under 18.',
];
export const ARABIC_ORIGIN_RELIGIONS: readonly (readonly [string, number])[] = [
  ['Muslim', 80], ['No religion', 12], ['Christian — other', 5], ['Not stated', 3],
];

// ---------------------------------------------------------------------------------------------
// Risk flags, assessments, plans, interventions, intelligence: vocabularies and text.
// ---------------------------------------------------------------------------------------------

export type Weights<T> = readonly (readonly [T, number])[];

export const VEP_FLAG_CATEGORIES: Weights<RiskFlagCategory> = [
  ['RADICALISATION_INFLUENCE', 30], ['VIOLENCE', 18], ['WEAPONS_EXPLOSIVES_SKILLS', 8],
  ['ILLICIT_COMMUNICATIONS', 12], ['STAFF_CONDITIONING', 8], ['VULNERABLE_TO_RECRUITMENT', 6],
  ['HOSTAGE_TAKING', 4], ['ESCAPE', 4], ['SELF_HARM', 4], ['GANG_AFFILIATION', 3], ['VICTIM_CONTACT', 3],
];
export const CONCERN_FLAG_CATEGORIES: Weights<RiskFlagCategory> = [
  ['VULNERABLE_TO_RECRUITMENT', 25], ['RADICALISATION_INFLUENCE', 12], ['VIOLENCE', 18],
  ['ILLICIT_COMMUNICATIONS', 10], ['GANG_AFFILIATION', 10], ['SELF_HARM', 10], ['STAFF_CONDITIONING', 5],
  ['ESCAPE', 4], ['VICTIM_CONTACT', 6],
];
export const GENERAL_FLAG_CATEGORIES: Weights<RiskFlagCategory> = [
  ['VIOLENCE', 25], ['SELF_HARM', 14], ['GANG_AFFILIATION', 14], ['ESCAPE', 8], ['VICTIM_CONTACT', 10],
  ['ILLICIT_COMMUNICATIONS', 12], ['STAFF_CONDITIONING', 6], ['VULNERABLE_TO_RECRUITMENT', 6],
  ['HOSTAGE_TAKING', 2], ['WEAPONS_EXPLOSIVES_SKILLS', 2], ['RADICALISATION_INFLUENCE', 1],
];

export const FLAG_SUMMARIES: Readonly<Record<RiskFlagCategory, readonly string[]>> = {
  VIOLENCE: [
    'Assault on another prisoner during association; adjudication proven.',
    'Threatened staff with a makeshift weapon during a cell search.',
    'Serious assault conviction; continues to present aggression under stress.',
  ],
  ESCAPE: [
    'Found in possession of a hand-drawn map of the perimeter.',
    'Previous escape from escort; restraints required for external movements.',
  ],
  HOSTAGE_TAKING: [
    'Stated intention to take a hostage to force a transfer.',
    'Involved in a barricade incident with a cellmate as hostage.',
  ],
  RADICALISATION_INFLUENCE: [
    'Promotes an extremist ideology to younger prisoners on the wing.',
    'Leads unauthorised group study that excludes and intimidates others.',
    'Seen distributing extremist material copied by hand.',
    'Exerts influence over a network of prisoners across two landings.',
  ],
  VULNERABLE_TO_RECRUITMENT: [
    'Isolated young adult targeted by an extremist peer group on the wing.',
    'Debt to other prisoners; approached by a recruiter after a move.',
  ],
  SELF_HARM: [
    'Self-harm risk raised by healthcare; ACCT opened and reviewed.',
    'Disclosed suicidal thoughts around sentencing; observations increased.',
  ],
  STAFF_CONDITIONING: [
    'Repeated attempts to obtain personal details of officers.',
    'Grooming behaviour towards a new member of staff reported.',
  ],
  ILLICIT_COMMUNICATIONS: [
    'Mobile phone found concealed in the cell; contacts under review.',
    'Coded language in outgoing mail; correspondence monitored.',
  ],
  WEAPONS_EXPLOSIVES_SKILLS: [
    'Convicted of offences involving the preparation of explosive devices.',
    'Claims knowledge of weapons manufacture; materials restricted.',
  ],
  GANG_AFFILIATION: [
    'Affiliated with an organised street gang; keep apart from rivals.',
    'Debt enforcement on behalf of a gang reported by several sources.',
  ],
  VICTIM_CONTACT: [
    'Attempted contact with the victim via a third party.',
    'Restraining order in force; all mail and calls to be checked.',
  ],
};

export const VERA_DOMAINS = [
  'BELIEFS_ATTITUDES_IDEOLOGY', 'SOCIAL_CONTEXT_INTENTION', 'HISTORY_ACTION_CAPACITY',
  'COMMITMENT_MOTIVATION', 'PROTECTIVE_REHABILITATION',
] as const;
export const ERG_DOMAINS = ['ENGAGEMENT', 'INTENT', 'CAPABILITY'] as const;
export const DOMAIN_RATINGS = ['LOW', 'MODERATE', 'HIGH'] as const;
export const RISK_LEVEL_ORDER: readonly RiskLevel[] = ['LOW', 'MODERATE', 'HIGH', 'VERY_HIGH'];

export const OVERALL_LEVEL: Readonly<Record<VepStatus, Weights<RiskLevel>>> = {
  TERRORISM_CONVICTION: [['LOW', 10], ['MODERATE', 30], ['HIGH', 50], ['VERY_HIGH', 10]],
  TERRORISM_CONNECTED: [['LOW', 20], ['MODERATE', 40], ['HIGH', 35], ['VERY_HIGH', 5]],
  ASSESSED_VEP: [['LOW', 20], ['MODERATE', 45], ['HIGH', 30], ['VERY_HIGH', 5]],
  OF_CONCERN: [['LOW', 40], ['MODERATE', 45], ['HIGH', 15]],
  NONE: [['LOW', 70], ['MODERATE', 25], ['HIGH', 5]],
};

export const SHAREABLE_SUMMARY_NOTES = [
  'Engages with the disengagement programme; progress is partial.',
  'Continues to express support for violence in group settings.',
  'Attitudes have softened since the last review; protective factors emerging.',
  'Limited engagement; risk judged stable rather than reducing.',
  'Positive family ties and education progress noted as protective.',
  'Recent conduct raises concern; review brought forward.',
];
export const NARRATIVE_NOTES = [
  'Two interviews held; collateral from the security department and wing staff.',
  'Discloses contact with former associates through a relative; details withheld from summary.',
  'Describes grievance narratives at length; minimises the index offence.',
  'Account inconsistent with intelligence held; assessor confidence moderate.',
  'Expresses remorse; assessor notes possible impression management.',
  'Psychometric results and clinical impressions recorded in the restricted annex.',
];

export const SECURITY_CATEGORY: Readonly<Record<VepStatus, Weights<SecurityLevel>>> = {
  TERRORISM_CONVICTION: [['MAXIMUM', 60], ['HIGH', 40]],
  TERRORISM_CONNECTED: [['MAXIMUM', 30], ['HIGH', 55], ['MEDIUM', 15]],
  ASSESSED_VEP: [['MAXIMUM', 15], ['HIGH', 55], ['MEDIUM', 30]],
  OF_CONCERN: [['HIGH', 40], ['MEDIUM', 55], ['LOW', 5]],
  NONE: [['MAXIMUM', 5], ['HIGH', 25], ['MEDIUM', 55], ['LOW', 15]],
};
/** MAXIMUM → Northgate, HIGH → Riverside, MEDIUM/LOW → Eastfield. */
export const FACILITY_FOR_CATEGORY: Readonly<Record<SecurityLevel, number>> = { MAXIMUM: 0, HIGH: 1, MEDIUM: 2, LOW: 2 };
export const PLACEMENTS: Weights<PlacementApproach> = [['INTEGRATION', 50], ['SPECIALIST_UNIT', 20], ['SEPARATION', 10], ['HYBRID', 20]];

export const STREETS = ['Elm Row', 'Harbour Road', 'Mill Lane', 'Station Approach', 'Victoria Terrace', 'Canal Street', 'Orchard Close', 'Market Place', 'Kingsway', 'Chapel Walk'];
export const TOWNS = ['Northam', 'Eastbridge', 'Westmoor', 'Southfold', 'Kingsford', 'Ashby Vale', 'Lowater', 'Brackenfield'];
export const POST_RELEASE_SERVICES = ['MENTORING', 'COUNSELLING', 'HOUSING_SUPPORT', 'EMPLOYMENT_SUPPORT', 'SUBSTANCE_MISUSE', 'DESISTANCE_DISENGAGEMENT'] as const;

export const LICENCE_DETAILS: Readonly<Record<LicenceConditionType, readonly string[]>> = {
  APPROVED_RESIDENCE: ['Reside at the approved address and notify any change in advance.', 'Reside at approved premises for the first 12 weeks.'],
  CURFEW: ['Curfew 19:00–07:00 at the approved address.', 'Curfew 21:00–06:00, electronically monitored.'],
  GPS_MONITORING: ['Wear a GPS tag for the first six months; trail monitoring.', 'GPS monitoring with alerts on exclusion-zone entry.'],
  EXCLUSION_ZONE: ['Not to enter the exclusion zone shown on the attached map (synthetic).', 'Not to enter the town centre of Kingsford without prior approval.'],
  NON_CONTACT: ['No contact with named co-defendants.', 'No contact with the victim or the victim\'s family, directly or indirectly.'],
  REPORTING: ['Report to the supervising office weekly.', 'Report to the police station on Mondays and Thursdays.'],
  DEVICE_DISCLOSURE: ['Disclose every internet-enabled device and allow inspection.', 'Use only one mobile phone, notified to the supervising officer.'],
  TRAVEL_DOCUMENT_SURRENDER: ['Surrender passport and not apply for travel documents.'],
  ATTEND_INTERVENTIONS: ['Attend the Desistance and Disengagement Programme as directed.', 'Attend appointments with the mentor as directed.'],
};
export const VEP_LICENCE_CONDITIONS: Weights<LicenceConditionType> = [
  ['GPS_MONITORING', 20], ['NON_CONTACT', 18], ['DEVICE_DISCLOSURE', 18], ['EXCLUSION_ZONE', 14],
  ['TRAVEL_DOCUMENT_SURRENDER', 12], ['ATTEND_INTERVENTIONS', 14], ['CURFEW', 10], ['REPORTING', 10],
];
export const GENERAL_LICENCE_CONDITIONS: Weights<LicenceConditionType> = [
  ['REPORTING', 25], ['CURFEW', 20], ['NON_CONTACT', 20], ['EXCLUSION_ZONE', 10], ['ATTEND_INTERVENTIONS', 15],
  ['GPS_MONITORING', 5], ['DEVICE_DISCLOSURE', 3], ['TRAVEL_DOCUMENT_SURRENDER', 2],
];

export const PROGRAMMES: Readonly<Record<InterventionKind, readonly string[]>> = {
  DISENGAGEMENT: ['Desistance and Disengagement Programme', 'Healthy Identity Intervention'],
  MENTORING: ['Theological and ideological mentoring', 'Peer mentoring scheme'],
  EDUCATION: ['Functional skills — English', 'Functional skills — Maths', 'Open learning (distance degree)'],
  VOCATIONAL: ['Bricklaying NVQ level 1', 'Catering and hospitality', 'Barbering'],
  PSYCHOLOGICAL: ['Thinking Skills Programme', 'Violence reduction programme', 'Trauma-informed group work'],
};
export const VEP_INTERVENTIONS: Weights<InterventionKind> = [
  ['DISENGAGEMENT', 35], ['MENTORING', 25], ['EDUCATION', 15], ['VOCATIONAL', 10], ['PSYCHOLOGICAL', 15],
];
export const GENERAL_INTERVENTIONS: Weights<InterventionKind> = [
  ['EDUCATION', 30], ['VOCATIONAL', 30], ['PSYCHOLOGICAL', 25], ['MENTORING', 15],
];
export const SESSION_NOTES = [
  'Attended all sessions this month; discussed identity and belonging.',
  'Missed two sessions citing wing unrest; re-engaged after a one-to-one.',
  'Challenged the facilitator\'s account of events; remained in the group.',
  'Disclosed family pressure around release; referred to the chaplaincy.',
  'Completed the module assessment; facilitator notes improved perspective-taking.',
];

export const INTELLIGENCE_TEXT = [
  'Reporting indicates the subject is attempting to pass messages to associates outside the prison via visitors.',
  'Subject is believed to be organising a collection for the families of convicted associates.',
  'Reporting suggests the subject intends to recruit other prisoners to an extremist group after release.',
  'Subject has reportedly asked associates about the address of a former prison officer.',
  'An associate of the subject is believed to be seeking a mobile phone to be smuggled into the prison.',
  'Reporting indicates renewed contact between the subject and an overseas contact of concern.',
  'Subject is believed to be under pressure from a gang to carry drugs on a transfer.',
  'Reporting suggests a planned protest on the wing timed to coincide with a court date.',
];

export const UK_3X5X2_ASSESSMENTS: Weights<string> = [['A', 15], ['B', 35], ['C', 30], ['D', 15], ['E', 5]];
