import { sql } from 'kysely';
import type { CreateIndicatorRequest, LocalizedText } from '../../../domain/api/programme.ts';
import type { Db } from '../../db/database.ts';
import { SYSTEM } from '../../platform/actor.ts';
import {
  createFocusArea,
  createGoalArea,
  createIndicator,
  createObjective,
  deletePart,
} from './parts.usecases.ts';
import { createProgrammeRepository } from './programme.repository.ts';
import { type ChangeContext, inTransaction, NO_REQUEST } from './programme.usecases.ts';
import { createExternalDocument, createRelation } from './relations.usecases.ts';
import { adoptVersion, createDraft, createProgramme, updateVersion } from './versions.usecases.ts';

/*
 * Demo data: Stockholm's safety and security programme 2018–2021 as the referral in
 * shared/seed describes it (four goal areas, five focus areas, communication part of each), replacing
 * the 2013–2016 programme. Titles follow the programme; descriptions are our own summaries of the
 * referral. Decision dates, references other than dnr 307-643/2012, objectives, indicators and figures
 * are invented for the demo, and both versions are marked as demo data.
 */

const t = (sv: string, en: string): LocalizedText => ({ sv, en });

const GOAL_AREAS = {
  individual: {
    title: t('Individens trygghet och säkerhet', "The individual's safety and security"),
    description: t(
      'Kärnan i arbetet: allt i stadens trygghets- och säkerhetsarbete handlar, direkt eller indirekt, om att värna dem som bor, verkar och vistas i staden.',
      'The core of the work: everything the city does for safety and security protects, directly or indirectly, the people who live, work and spend time in the city.',
    ),
  },
  functions: {
    title: t('Stadens funktionalitet', "The city's functions"),
    description: t(
      'Viktiga funktioner och verksamheter som staden ansvarar för fungerar väl och kan levereras utan avbrott.',
      'The essential functions and services the city is responsible for work well and are delivered without interruption.',
    ),
  },
  environment: {
    title: t('Miljö och egendom', 'Environment and property'),
    description: t(
      'Staden skyddar miljön och sin egendom mot skador från olyckor, brott och andra oönskade händelser.',
      'The city protects the environment and its property from harm caused by accidents, crime and other unwanted events.',
    ),
  },
  values: {
    title: t('Grundläggande värden', 'Fundamental values'),
    description: t(
      'Staden upprätthåller demokrati, rättssäkerhet och mänskliga fri- och rättigheter.',
      'The city upholds democracy, the rule of law and human rights and freedoms.',
    ),
  },
} as const;

type GoalKey = keyof typeof GOAL_AREAS;

interface FocusAreaSeed {
  title: LocalizedText;
  description: LocalizedText;
  communication: LocalizedText;
  goals: GoalKey[];
  objectives: LocalizedText[];
  indicators: CreateIndicatorRequest[];
}

const percent = t('procent', 'per cent');
const count = t('antal', 'number');

const FOCUS_AREAS: FocusAreaSeed[] = [
  {
    title: t('Förebygga olyckor', 'Prevent accidents'),
    description: t(
      'Olyckor förebyggs utifrån varje nämnds och bolags årliga risk- och lägesbild, med åtgärder i den ordinarie verksamhetsplaneringen.',
      "Accidents are prevented on the basis of each committee's and company's yearly risk and situational picture, with measures in ordinary activity planning.",
    ),
    communication: t(
      'Invånare och medarbetare får veta vilka risker som finns och hur de undviks, till exempel inför perioder med hög brandrisk. Den som rapporterat en risk får återkoppling.',
      'Residents and staff learn which risks exist and how to avoid them, for example before periods of high fire risk. Whoever reports a risk hears what came of it.',
    ),
    goals: ['individual', 'functions', 'environment'],
    objectives: [
      t(
        'Varje nämnd och bolag rapporterar en årlig risk- och lägesbild över olyckor',
        'Every committee and company reports a yearly risk and situational picture of accidents',
      ),
      t(
        'Fallolyckor bland äldre i stadens verksamheter minskar',
        "Falls among older people in the city's services decrease",
      ),
    ],
    indicators: [
      {
        name: t(
          'Nämnder och bolag som rapporterat risk- och lägesbild',
          'Committees and companies that reported a risk and situational picture',
        ),
        unit: percent,
        direction: 'increase',
        baseline: { value: 62, year: 2017 },
        target: { value: 100, year: 2021 },
      },
      {
        name: t('Rapporterade fallolyckor inom äldreomsorgen', 'Reported falls in care of older people'),
        unit: count,
        direction: 'decrease',
        baseline: { value: 4100, year: 2017 },
        target: { value: 3500, year: 2021 },
      },
    ],
  },
  {
    title: t('Förebygga brott', 'Prevent crime'),
    description: t(
      'Programmet är också stadens brottsförebyggande program. Arbetet utgår från lägesbilder och orsaksanalyser, och val av åtgärder tar hänsyn till att kvinnor oroar sig mer för brott än män.',
      "The programme is also the city's crime-prevention programme. The work starts from situational pictures and root-cause analyses, and the choice of measures takes into account that women worry more about crime than men.",
    ),
    communication: t(
      'Staden berättar om lägesbilden och om åtgärderna i varje stadsdel tillsammans med polisen, till exempel genom medborgarlöften, så att oro möts med kunskap.',
      'Together with the police, the city tells each district about the situational picture and the measures taken, for example through citizen promises, so that worry is met with knowledge.',
    ),
    goals: ['individual', 'environment', 'values'],
    objectives: [
      t(
        'Brottsförebyggande åtgärder utgår från en lägesbild och en orsaksanalys',
        'Crime-prevention measures start from a situational picture and a root-cause analysis',
      ),
      t(
        'Skillnaden i otrygghet mellan kvinnor och män minskar',
        'The gap in feeling unsafe between women and men narrows',
      ),
    ],
    indicators: [
      {
        name: t(
          'Kvinnor som ofta oroar sig för brott (trygghetsmätningen)',
          'Women often worried about crime (safety survey)',
        ),
        unit: percent,
        direction: 'decrease',
        baseline: { value: 24, year: 2017 },
        target: { value: 19, year: 2021 },
      },
      {
        name: t(
          'Män som ofta oroar sig för brott (trygghetsmätningen)',
          'Men often worried about crime (safety survey)',
        ),
        unit: percent,
        direction: 'decrease',
        baseline: { value: 12, year: 2017 },
        target: { value: 10, year: 2021 },
      },
    ],
  },
  {
    title: t(
      'Förebygga otillåten påverkan samt hot och våld mot anställda',
      'Prevent undue influence, threats and violence against employees',
    ),
    description: t(
      'Anställda och förtroendevalda skyddas mot hot, våld och försök till otillåten påverkan – även handläggare som möter klienter som hotat tidigare handläggare, och personal som arbetar nära öppen brottslighet.',
      'Employees and elected officials are protected from threats, violence and attempts at undue influence – including case workers meeting clients who threatened earlier case workers, and staff working close to open crime.',
    ),
    communication: t(
      'Medarbetare vet hur hot och påverkansförsök rapporteras och vilket stöd som finns, och den som rapporterat får återkoppling.',
      'Staff know how to report threats and attempts at influence and what support there is, and whoever reports hears back.',
    ),
    goals: ['individual', 'functions', 'values'],
    objectives: [
      t(
        'Varje nämnd och bolag har rutiner mot hot, våld och otillåten påverkan',
        'Every committee and company has routines against threats, violence and undue influence',
      ),
      t(
        'Handläggare får veta när en klient tidigare har hotat en handläggare',
        'Case workers are told when a client has threatened a case worker before',
      ),
    ],
    indicators: [
      {
        name: t(
          'Nämnder och bolag med rutin mot otillåten påverkan',
          'Committees and companies with a routine against undue influence',
        ),
        unit: percent,
        direction: 'increase',
        baseline: { value: 45, year: 2017 },
        target: { value: 100, year: 2021 },
      },
      {
        name: t(
          'Anmälda hot- och våldshändelser utredda inom 30 dagar',
          'Reported threats and violence investigated within 30 days',
        ),
        unit: percent,
        direction: 'increase',
        baseline: { value: 58, year: 2017 },
        target: { value: 90, year: 2021 },
      },
    ],
  },
  {
    title: t(
      'Bygga motståndskraft och krishanteringsförmåga',
      'Build resilience and crisis-management capability',
    ),
    description: t(
      'Om något ändå inträffar ska verksamheterna kunna fortsätta och konsekvenserna begränsas: risk- och sårbarhetsanalyser, planer och övningar.',
      'If something happens anyway, services must carry on and the consequences be limited: risk and vulnerability analyses, plans and exercises.',
    ),
    communication: t(
      'Kriskommunikationen planeras och övas så att invånare, medarbetare och medier får samordnade besked under en störning.',
      'Crisis communication is planned and exercised so that residents, staff and the media get coordinated messages during a disruption.',
    ),
    goals: ['functions', 'individual', 'environment'],
    objectives: [
      t(
        'Varje nämnd och bolag har en aktuell risk- och sårbarhetsanalys',
        'Every committee and company has a current risk and vulnerability analysis',
      ),
      t('Krisledningen övas minst en gång om året', 'Crisis management is exercised at least once a year'),
    ],
    indicators: [
      {
        name: t(
          'Nämnder och bolag med aktuell risk- och sårbarhetsanalys',
          'Committees and companies with a current risk and vulnerability analysis',
        ),
        unit: percent,
        direction: 'increase',
        baseline: { value: 70, year: 2017 },
        target: { value: 100, year: 2021 },
      },
      {
        name: t('Genomförda krisövningar', 'Crisis exercises held'),
        unit: t('antal per år', 'number per year'),
        direction: 'increase',
        baseline: { value: 18, year: 2017 },
        target: { value: 30, year: 2021 },
      },
    ],
  },
  {
    title: t('Bygga ett gott säkerhetsskydd', 'Build good protective security'),
    description: t(
      'Verksamhet som har betydelse för Sveriges säkerhet skyddas mot antagonistiska hot genom säkerhetsskyddsanalys och informations-, fysisk och personalsäkerhet.',
      "Activities that matter to Sweden's security are protected against antagonistic threats through protective-security analysis and information, physical and personnel security.",
    ),
    communication: t(
      'Berörda medarbetare känner till säkerhetsskyddets krav och utbildas i säkerhetsmedvetande, utan att skyddsvärda uppgifter röjs.',
      'The staff concerned know the requirements of protective security and are trained in security awareness, without protected information being disclosed.',
    ),
    goals: ['functions', 'values'],
    objectives: [
      t(
        'Alla nämnder och bolag med säkerhetskänslig verksamhet har en säkerhetsskyddsanalys',
        'Every committee and company with security-sensitive activities has a protective-security analysis',
      ),
    ],
    indicators: [
      {
        name: t(
          'Säkerhetsskyddsanalyser som setts över de senaste två åren',
          'Protective-security analyses reviewed in the past two years',
        ),
        unit: percent,
        direction: 'increase',
        baseline: { value: 50, year: 2017 },
        target: { value: 100, year: 2021 },
      },
    ],
  },
];

/** The earlier programme, only as much as the demo needs to show it retired (invented content). */
const EARLIER_FOCUS_AREAS: FocusAreaSeed[] = [
  {
    title: t('Trygghet och säkerhet i vardagen', 'Safety and security in everyday life'),
    description: t(
      'Olyckor och brott förebyggs i stadens verksamheter och offentliga miljöer.',
      "Accidents and crime are prevented in the city's services and public spaces.",
    ),
    communication: t(
      'Information till invånare om risker och förebyggande arbete.',
      'Information to residents about risks and prevention.',
    ),
    goals: ['individual', 'environment'],
    objectives: [],
    indicators: [],
  },
  {
    title: t('Krisberedskap', 'Crisis preparedness'),
    description: t(
      'Staden kan hantera kriser och extraordinära händelser.',
      'The city can handle crises and extraordinary events.',
    ),
    communication: t(
      'Kriskommunikation till invånare och medarbetare.',
      'Crisis communication to residents and staff.',
    ),
    goals: ['functions', 'values'],
    objectives: [],
    indicators: [],
  },
];

export const STOCKHOLM_2013_2016 = {
  label: '2013–2016',
  title: t(
    'Trygghets- och säkerhetsprogram för Stockholms stad 2013–2016',
    'Safety and security programme for the City of Stockholm 2013–2016',
  ),
  adoptedOn: '2013-02-04',
  decisionReference: 'KF 2013-02-04, dnr 307-643/2012 (demo: datum påhittat)',
};

export const STOCKHOLM_2018_2021 = {
  label: '2018–2021',
  title: t(
    'Stockholms stads trygghets- och säkerhetsprogram 2018–2021',
    "The City of Stockholm's safety and security programme 2018–2021",
  ),
  summary: t(
    'Programmet lägger tonvikt vid det förebyggande arbetet, i linje med Vision 2040 – ett Stockholm för alla. Fyra målområden bryts ner i fem fokusområden, och kommunikation är en integrerad del av varje fokusområde. Nämnder och bolag omsätter programmet i sin ordinarie verksamhetsplanering.',
    'The programme puts the emphasis on prevention, in line with Vision 2040 – a Stockholm for everyone. Four goal areas are broken down into five focus areas, and communication is an integrated part of every focus area. Committees and companies turn the programme into their ordinary activity planning.',
  ),
  adoptedOn: '2018-04-16',
  decisionReference: 'KF 2018-04-16 § 14, dnr KS 2017/1125 (demo: påhittat)',
};

async function addContent(
  ctx: ChangeContext,
  versionId: string,
  focusAreas: FocusAreaSeed[],
  goalIds?: Map<GoalKey, string>,
): Promise<void> {
  const goals = goalIds ?? new Map<GoalKey, string>();
  if (!goalIds) {
    for (const key of Object.keys(GOAL_AREAS) as GoalKey[]) {
      goals.set(key, (await createGoalArea({ ...ctx, versionId, input: GOAL_AREAS[key] })).id);
    }
  }
  for (const f of focusAreas) {
    const focusArea = await createFocusArea({
      ...ctx,
      versionId,
      input: {
        title: f.title,
        description: f.description,
        communication: f.communication,
        goalAreaIds: f.goals.map((g) => goals.get(g)!),
      },
    });
    for (const title of f.objectives) {
      await createObjective({ ...ctx, focusAreaId: focusArea.id, input: { title } });
    }
    for (const indicator of f.indicators) {
      await createIndicator({ ...ctx, focusAreaId: focusArea.id, input: indicator });
    }
  }
}

/**
 * Loads Stockholm's programme into the municipality: 2013–2016 adopted and then retired by the
 * adoption of 2018–2021, which relates to the government's "Tillsammans mot brott" and the city's
 * Vision 2040. Idempotent: does nothing when the municipality already has a programme. Everything in
 * one transaction, audited as the system.
 */
export async function seedStockholmProgramme(
  db: Db,
  { now }: { now: () => Date },
): Promise<{ created: boolean; versionId: string | null }> {
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.programme.seed'))`.execute(trx);
    const repo = createProgrammeRepository({ db: trx });
    const municipality = await repo.findRootOrganisationId();
    if (!municipality)
      throw new Error('No municipality yet: start Trygg once (or run `trygg migrate`) first');
    if (await repo.findProgrammeByOrganisation(municipality)) return { created: false, versionId: null };

    const ctx: ChangeContext = { deps: { db: trx, now }, caller: SYSTEM, meta: NO_REQUEST };
    const earlier = await createProgramme({
      ...ctx,
      isDemo: true,
      input: {
        organisationId: municipality,
        label: STOCKHOLM_2013_2016.label,
        title: STOCKHOLM_2013_2016.title,
      },
    });
    await addContent(ctx, earlier.id, EARLIER_FOCUS_AREAS);
    await adoptVersion({ ...ctx, id: earlier.id, input: STOCKHOLM_2013_2016 });

    // 2018–2021 starts as a copy of the version in force: it keeps the goal areas, gets new focus areas.
    const draft = await createDraft({
      ...ctx,
      input: { copyOf: earlier.id, label: STOCKHOLM_2018_2021.label, title: STOCKHOLM_2018_2021.title },
    });
    await updateVersion({ ...ctx, id: draft.id, input: { summary: STOCKHOLM_2018_2021.summary } });
    for (const f of draft.focusAreas) await deletePart({ ...ctx, kind: 'focus_area', id: f.id });
    const goalIds = new Map<GoalKey, string>();
    for (const key of Object.keys(GOAL_AREAS) as GoalKey[]) {
      const copied = draft.goalAreas.find((g) => g.title.sv === GOAL_AREAS[key].title.sv);
      goalIds.set(key, copied!.id);
    }
    await addContent(ctx, draft.id, FOCUS_AREAS, goalIds);

    const national = await createExternalDocument({
      ...ctx,
      input: {
        organisationId: municipality,
        title: t(
          'Tillsammans mot brott – ett nationellt brottsförebyggande program',
          'Together against crime – a national crime-prevention programme',
        ),
        issuer: t('Regeringen', 'Government of Sweden'),
        year: 2017,
        reference: 'Skr. 2016/17:126',
      },
    });
    const vision = await createExternalDocument({
      ...ctx,
      input: {
        organisationId: municipality,
        title: t('Vision 2040 – ett Stockholm för alla', 'Vision 2040 – a Stockholm for everyone'),
        issuer: t('Stockholms stad, kommunfullmäktige', 'City of Stockholm, City Council'),
        year: 2015,
      },
    });
    await createRelation({
      ...ctx,
      versionId: draft.id,
      input: {
        type: 'implements',
        target: { kind: 'external', id: national.id },
        note: t(
          'Fokusområdet Förebygga brott är stadens brottsförebyggande program och genomför det nationella programmets kunskapsbaserade arbetssätt lokalt.',
          "The focus area Prevent crime is the city's crime-prevention programme and carries out the national programme's knowledge-based way of working locally.",
        ),
      },
    });
    await createRelation({
      ...ctx,
      versionId: draft.id,
      input: {
        type: 'governed_by',
        target: { kind: 'external', id: vision.id },
        note: t(
          'Programmet vägleder och samordnar trygghets- och säkerhetsarbetet mot visionen.',
          'The programme guides and coordinates safety and security work towards the vision.',
        ),
      },
    });
    await adoptVersion({ ...ctx, id: draft.id, input: STOCKHOLM_2018_2021 });
    return { created: true, versionId: draft.id };
  });
}
