/**
 * Swedish texts for the demo incidents: a few sentence templates per incident type with slots, so
 * that descriptions vary (they feed the full-text and trigram search) yet read like real reports.
 *
 * Slots: {plats} the neighbourhood, {vid} where it happened ("vid Förskolan Solrosen",
 * "i mottagningen"), {tid} the time of day ("på kvällen"), {person} someone involved, {detalj} a
 * type-specific detail.
 */

export interface TypeTexts {
  templates: readonly string[];
  persons?: readonly string[];
  details: readonly string[];
}

const VISITORS = [
  'en besökare',
  'en klient',
  'en man i 30-årsåldern',
  'en kvinna i 40-årsåldern',
  'en anhörig',
  'en yngre man',
  'en äldre man',
  'en person som tidigare varit aktuell hos oss',
];
const YOUTHS = [
  'en grupp ungdomar',
  'fem–sex ungdomar',
  'ett gäng unga män',
  'två personer på moped',
  'några okända personer',
  'ett tiotal ungdomar',
];

export const TYPE_TEXTS: Record<string, TypeTexts> = {
  fall_slip: {
    templates: [
      '{person} halkade {vid} {tid} och föll. {detalj}',
      'Fallolycka {vid} {tid}: {person} snubblade och slog i knät. {detalj}',
      '{person} gled på det hala underlaget {vid} och föll baklänges. {detalj}',
      'Halkolycka {vid} i {plats} {tid}. {person} tappade balansen. {detalj}',
    ],
    persons: [
      'en medarbetare',
      'en brukare',
      'ett barn',
      'en kollega',
      'en vikarie',
      'en boende',
      'en besökare',
    ],
    details: [
      'Det var isigt och ingen sandning hade gjorts.',
      'Golvet var nyskurat och inte skyltat.',
      'Trappan saknar ledstång på ena sidan.',
      'Snön hade inte skottats vid entrén.',
      'Dålig belysning på gångvägen bidrog.',
      'Mattan i hallen låg veckad.',
      'Det regnade och trappan var blöt.',
      'Löv på gångbanan gjorde det halt.',
    ],
  },
  traffic_accident: {
    templates: [
      'Trafikolycka {vid} i {plats} {tid}. {detalj}',
      'En bil backade in i {person} {vid}. {detalj}',
      'Cykelolycka {tid} på väg mellan två brukare i {plats}. {detalj}',
      'Kollision på parkeringen {vid} {tid}. {detalj}',
    ],
    persons: ['en medarbetare', 'en cyklist', 'en fotgängare', 'en hemtjänstpersonal'],
    details: [
      'Tjänstebilen fick skador på stötfångaren.',
      'Sikten var skymd av en parkerad lastbil.',
      'Föraren stannade inte.',
      'Mörkt och regnigt väglag.',
      'Elsparkcykel inblandad.',
      'Ingen allvarlig personskada.',
    ],
  },
  fire: {
    templates: [
      'Brandtillbud {vid} {tid}: {detalj}',
      'Brandlarmet gick {vid} {tid}. {detalj}',
      'Rökutveckling {vid} i {plats}. {detalj}',
      'Det började brinna {vid} {tid}. {detalj}',
    ],
    details: [
      'En kastrull på spisen glömdes kvar.',
      'Ett levande ljus välte i dagrummet.',
      'En laddare för elcykel överhettades.',
      'Glödande aska i en papperskorg.',
      'Torktumlaren började ryka.',
      'Brandsläckare användes och elden släcktes snabbt.',
      'Räddningstjänsten kom till platsen.',
    ],
  },
  work_injury_other: {
    templates: [
      '{person} skadade sig {vid} {tid}. {detalj}',
      'Arbetsskada {vid} i {plats}: {detalj}',
      'Vid förflyttning av en brukare fick {person} ont i ryggen. {detalj}',
      '{person} skar sig {vid}. {detalj}',
    ],
    persons: [
      'en medarbetare',
      'en undersköterska',
      'en förskollärare',
      'en vaktmästare',
      'en fritidsledare',
    ],
    details: [
      'Lyftet gjordes utan lyfthjälpmedel.',
      'Kniven i köket var slö.',
      'Klämskada i en dörr.',
      'Sträckning i axeln vid tunga lyft.',
      'Stickskada av en kanyl.',
      'Brännskada från diskmaskinen.',
      'Besvär efter lång tid i obekväm arbetsställning.',
    ],
  },
  risk_observation: {
    templates: [
      'Risk upptäckt {vid}: {detalj}',
      'Riskobservation i {plats}. {detalj}',
      'Vi vill uppmärksamma en risk {vid}. {detalj}',
    ],
    details: [
      'Nödutgången är blockerad av möbler.',
      'Ett staket vid lekplatsen är trasigt.',
      'Belysningen på gården har varit släckt i en vecka.',
      'Lös kabel över gångvägen.',
      'Dörren till kemikalieförrådet går inte att låsa.',
      'Spik sticker upp ur klätterställningen.',
      'Brandsläckaren har inte kontrollerats.',
      'Hål i asfalten vid entrén.',
    ],
  },
  theft: {
    templates: [
      'Stöld {vid} {tid}. {detalj}',
      '{person} upptäckte {tid} att saker stulits {vid}. {detalj}',
      'Ficktjuv {vid} i {plats}. {detalj}',
      'Stöld ur personalrummet {vid}. {detalj}',
    ],
    persons: ['en medarbetare', 'en vaktmästare', 'personalen', 'en förälder'],
    details: [
      'En mobiltelefon och en plånbok saknas.',
      'En bärbar dator stals från kontoret.',
      'Barnvagnar stals från förrådet.',
      'Cyklar togs från cykelstället trots lås.',
      'Kopparledningar stals från bygget.',
      'Verktyg försvann ur den olåsta bilen.',
      'Kassaskrinet var tömt.',
    ],
  },
  burglary: {
    templates: [
      'Inbrott {vid} {tid}. {detalj}',
      'Vid öppning upptäcktes inbrott {vid}. {detalj}',
      'Försök till inbrott {vid} i {plats}. {detalj}',
    ],
    details: [
      'Ett fönster var krossat och datorer saknas.',
      'Dörren var uppbruten med kofot.',
      'Förrådet var uppbrutet och gräsklipparen stulen.',
      'Larmet gick men gärningspersonerna hann försvinna.',
      'Skåpen i personalrummet var genomsökta.',
      'Ingenting verkar ha tagits.',
    ],
  },
  vandalism: {
    templates: [
      'Klotter {vid} {tid}. {detalj}',
      'Skadegörelse {vid} i {plats}. {detalj}',
      '{person} har skadat {vid}. {detalj}',
      'Krossade rutor {vid} upptäcktes {tid}. {detalj}',
    ],
    persons: YOUTHS,
    details: [
      'Fasaden är klottrad med stora tags.',
      'Två fönsterrutor är krossade.',
      'Lekstugan är sönderslagen.',
      'Papperskorgar har slitits ner.',
      'Klotter med hotfulla budskap på entrédörren.',
      'Sandlådan var full av glassplitter.',
      'Belysningsarmaturer har slagits sönder.',
      'Bänkarna på gården har brutits sönder.',
    ],
  },
  arson: {
    templates: [
      'Anlagd brand {vid} {tid}. {detalj}',
      'Någon har tänt eld {vid} i {plats}. {detalj}',
      'Brand i soprum {vid} {tid}, misstänkt anlagd. {detalj}',
    ],
    details: [
      'En container brann ner.',
      'En bil brann på parkeringen.',
      'Elden spred sig till fasaden.',
      'Räddningstjänsten släckte branden.',
      'Brandrester hittades vid barnvagnsförrådet.',
    ],
  },
  disorder: {
    templates: [
      'Ordningsstörning {vid} {tid}. {detalj}',
      '{person} störde {vid} i {plats}. {detalj}',
      'Bråk {vid} {tid}. {detalj}',
      'Berusade personer {vid} {tid}. {detalj}',
    ],
    persons: YOUTHS,
    details: [
      'Hög musik och skrik till sent på natten.',
      'Smällare kastades mot förbipasserande.',
      'Flaskor kastades mot fönstren.',
      'Boende kände sig otrygga att gå förbi.',
      'Mopeder körde i gångtunneln.',
      'Polisen kom till platsen och skingrade gruppen.',
      'Ett slagsmål utbröt men upphörde innan polisen kom.',
    ],
  },
  threat_employee: {
    templates: [
      '{person} hotade handläggaren {vid} {tid}. {detalj}',
      'Hot mot medarbetare {vid}: {person} sa att hen visste var medarbetaren bor. {detalj}',
      'Under ett möte {tid} uttalade {person} hot mot personalen. {detalj}',
      'Hotfullt samtal {tid} från {person}. {detalj}',
      '{person} blev aggressiv i receptionen {vid} och hotade personalen. {detalj}',
    ],
    persons: VISITORS,
    details: [
      'Hotet gällde ett avslag på ekonomiskt bistånd.',
      'Personen slog i bordet och vägrade lämna rummet.',
      'Hotet framfördes även i sms efteråt.',
      'Väktare tillkallades.',
      'Medarbetaren är skakad och har fått gå hem.',
      'Hotet gällde ett beslut om placering av barn.',
      'Personen nämnde medarbetarens barn vid namn.',
      'Kollegor hörde hotet.',
    ],
  },
  violence_employee: {
    templates: [
      '{person} knuffade medarbetaren {vid} {tid}. {detalj}',
      'Våld mot personal {vid}: {person} slog en medarbetare. {detalj}',
      'En medarbetare blev sparkad av {person} {tid}. {detalj}',
      'Under ett hembesök i {plats} blev medarbetaren attackerad. {detalj}',
    ],
    persons: [...VISITORS, 'en brukare', 'en boende', 'en elev'],
    details: [
      'Medarbetaren fick blåmärken på armen.',
      'Larmknappen användes och kollegor kom till hjälp.',
      'Personen kastade en stol.',
      'Medarbetaren fick uppsöka akuten.',
      'Polis tillkallades och personen omhändertogs.',
      'Glasögonen gick sönder.',
    ],
  },
  threat_elected: {
    templates: [
      'Hot mot förtroendevald {tid}: {detalj}',
      'En ledamot i nämnden fick ett hotfullt brev. {detalj}',
      'Hot i sociala medier mot en förtroendevald i {plats}. {detalj}',
      'En förtroendevald blev uppsökt i hemmet av {person}. {detalj}',
    ],
    persons: ['en okänd man', 'en missnöjd medborgare', 'en grupp personer'],
    details: [
      'Hotet gällde ett beslut om bygglov.',
      'Hotet framfördes efter nämndens sammanträde.',
      'Inlägget har delats många gånger.',
      'Den förtroendevalde överväger att lämna sitt uppdrag.',
      'Hotet gällde nedläggningen av en förskola.',
    ],
  },
  violence_elected: {
    templates: [
      'En förtroendevald blev slagen {vid} {tid}. {detalj}',
      'Våld mot förtroendevald efter ett möte i {plats}. {detalj}',
    ],
    details: ['Polisanmälan är gjord.', 'Den förtroendevalde fick vård på sjukhus.', 'Vittnen finns.'],
  },
  harassment: {
    templates: [
      'Upprepade trakasserier mot en medarbetare från {person}. {detalj}',
      'Trakasserier {tid}: {person} har filmat personalen {vid}. {detalj}',
      '{person} skickar dagligen nedsättande mejl till handläggaren. {detalj}',
    ],
    persons: VISITORS,
    details: [
      'Det har pågått i flera veckor.',
      'Filmerna har lagts ut på nätet.',
      'Medarbetaren har bytt arbetsuppgifter tillfälligt.',
      'Personen väntar utanför kontoret efter arbetstid.',
    ],
  },
  undue_threat: {
    templates: [
      'Hot för att påverka ett beslut: {person} krävde att beslutet ändras. {detalj}',
      'Påtryckningar mot handläggare {vid}. {detalj}',
      'Försök att påverka en myndighetsutövning {tid}. {detalj}',
    ],
    persons: VISITORS,
    details: [
      'Personen antydde att något kunde hända medarbetarens familj.',
      'Släktingar samlades utanför kontoret.',
      'Kravet gällde utbetalning av bistånd.',
      'Hotet gällde tillstånd för serveringen.',
    ],
  },
  undue_violence: {
    templates: [
      'Våld för att påverka ett beslut {vid} {tid}. {detalj}',
      'En handläggare attackerades efter ett avslag. {detalj}',
    ],
    details: ['Medarbetaren fick vård.', 'Polis tillkallades.', 'Fler personer var inblandade.'],
  },
  undue_damage: {
    templates: [
      'Skadegörelse riktad mot en medarbetares bil {vid}. {detalj}',
      'Medarbetarens hem utsattes för skadegörelse efter ett beslut. {detalj}',
    ],
    details: ['Däcken var sönderskurna.', 'Fönster krossades.', 'Klotter med medarbetarens namn.'],
  },
  bribery: {
    templates: [
      'Försök till muta: {person} erbjöd pengar för ett snabbare beslut. {detalj}',
      'Erbjudande om gåva i samband med upphandling. {detalj}',
      'Misstänkt korruption {vid}. {detalj}',
    ],
    persons: ['en entreprenör', 'en sökande', 'en leverantör'],
    details: [
      'Medarbetaren tackade nej och rapporterade direkt.',
      'Erbjudandet gällde presentkort.',
      'Det gällde ett serveringstillstånd.',
    ],
  },
  infiltration: {
    templates: [
      'Misstanke om infiltration: en nyanställd verkar ha kopplingar till kriminella nätverk. {detalj}',
      'En föreningsrepresentant försöker få insyn i ärenden {vid}. {detalj}',
    ],
    details: [
      'Säkerhetssamordnaren har informerats.',
      'Personen har frågat efter uppgifter om andra klienter.',
    ],
  },
  open_drug_dealing: {
    templates: [
      'Öppen narkotikaförsäljning {vid} {tid}. {detalj}',
      '{person} langar {vid} i {plats}. {detalj}',
      'Droghandel sker öppet {vid}. {detalj}',
    ],
    persons: YOUTHS,
    details: [
      'Föräldrar vid hämtningen har sett försäljningen.',
      'Det luktar cannabis vid staketet.',
      'Affärerna görs vid busshållplatsen mitt emot.',
      'Samma personer står där flera kvällar i veckan.',
      'Kanyler hittades i sandlådan.',
    ],
  },
  weapons: {
    templates: [
      'Person med kniv sågs {vid} {tid}. {detalj}',
      'Vapen observerat {vid} i {plats}. {detalj}',
      '{person} visade upp något som liknade ett skjutvapen {vid}. {detalj}',
    ],
    persons: YOUTHS,
    details: ['Polisen larmades.', 'Barnen togs in.', 'Det hände under utevistelsen.'],
  },
  gatherings: {
    templates: [
      'Otrygga ansamlingar {vid} {tid}. {detalj}',
      '{person} samlas {vid} i {plats}. {detalj}',
      'Grupper uppehåller sig {vid} varje kväll. {detalj}',
    ],
    persons: YOUTHS,
    details: [
      'Personal och föräldrar känner sig otrygga.',
      'Det lämnas skräp och fimpar på gården.',
      'Några har maskerat sig.',
      'De kastar sten mot fönstren.',
      'Mopeder körs över skolgården.',
    ],
  },
  observed_disorder: {
    templates: [
      'Ordningsstörning i närheten {vid} {tid}. {detalj}',
      'Stök {vid} i {plats}. {detalj}',
      '{person} bråkade {vid}. {detalj}',
    ],
    persons: YOUTHS,
    details: [
      'Skrik och slagsmål på kvällen.',
      'Fyrverkerier sköts mot byggnaden.',
      'Berusade personer sov på gården.',
      'Glas och skräp på lekplatsen på morgonen.',
    ],
  },
  information_security: {
    templates: [
      'Informationssäkerhetsincident {tid}: {detalj}',
      'Personuppgifter skickades till fel mottagare {vid}. {detalj}',
      'Nätfiskemejl {tid}. {detalj}',
    ],
    details: [
      'En medarbetare klickade på länken och angav lösenordet.',
      'Ett utdrag ur ett ärende mejlades till fel person.',
      'Ett USB-minne med klientuppgifter har kommit bort.',
      'En utskrift med personnummer låg kvar i skrivaren.',
      'Kontot har spärrats och lösenordet bytts.',
    ],
  },
  physical_security: {
    templates: [
      'Fysisk säkerhetsincident {vid}: {detalj}',
      'Obehörig person tog sig in {vid} {tid}. {detalj}',
    ],
    details: [
      'Passerkortsläsaren var ur funktion.',
      'En dörr hade ställts upp med en kil.',
      'En nyckel är borttappad.',
      'Larmet var inte påslaget över natten.',
    ],
  },
  personnel_security: {
    templates: [
      'Personalsäkerhetsincident: {detalj}',
      'Misstanke om otillbörlig hantering av uppgifter av en medarbetare. {detalj}',
    ],
    details: [
      'En tidigare anställd har fortfarande behörighet.',
      'En medarbetare har sökt i ärenden utan tjänsteskäl.',
      'Säkerhetsprövningen var inte genomförd.',
    ],
  },
};

/** Added now and then to make texts longer and less alike. */
export const EXTRA_SENTENCES = [
  'Vittnen finns.',
  'Händelsen har dokumenterats med foto.',
  'Kameraövervakning finns i området.',
  'Det har hänt liknande saker tidigare.',
  'Närmaste chef har informerats.',
  'Kollegor har fått information vid morgonmötet.',
  'Fastighetsägaren är kontaktad.',
  'Vi önskar återkoppling.',
  'Det är tredje gången den här månaden.',
  'Skyddsombudet är informerat.',
];

export const IMMEDIATE_ACTIONS: Record<string, readonly string[]> = {
  accident: [
    'Första hjälpen gavs på plats.',
    'Området spärrades av och sandades.',
    'Medarbetaren fick åka till vårdcentralen.',
    'Vaktmästaren tillkallades.',
    'Felanmälan gjordes till fastighetsägaren.',
  ],
  crime: [
    'Polisen kontaktades.',
    'Väktare tillkallades.',
    'Fastighetsägaren fick en felanmälan om sanering.',
    'Området fotograferades och städades.',
    'Dörrarna låstes och larmet kontrollerades.',
  ],
  threat_violence: [
    'Medarbetaren fick samtalsstöd samma dag.',
    'Chef och kollegor informerades direkt.',
    'Polis tillkallades.',
    'Personen avvisades från lokalen.',
    'Medarbetaren följdes till bussen efter arbetet.',
  ],
  undue_influence: [
    'Säkerhetssamordnaren kontaktades.',
    'Ärendet flyttades till en annan handläggare.',
    'Beslutet fattas nu av två personer gemensamt.',
    'Chefen informerades.',
  ],
  facility_observation: [
    'Barnen togs in.',
    'Polisen och fältassistenterna informerades.',
    'Föräldrar informerades vid hämtningen.',
    'Utevistelsen flyttades till andra sidan huset.',
  ],
  security: [
    'Kontot spärrades.',
    'IT-supporten kontaktades.',
    'Nycklarna spärrades och låset byttes.',
    'Säkerhetssamordnaren informerades.',
  ],
};

export const CLOSED_REASONS: Record<string, readonly string[]> = {
  accident: [
    'Åtgärdat: halkskydd och bättre sandning.',
    'Åtgärdat: rutinen för förflyttning ses över och personal utbildad.',
    'Anmält till Försäkringskassan; inga fler åtgärder.',
    'Utrett; brister åtgärdade av fastighetsägaren.',
    'Ingen åtgärd behövs.',
  ],
  crime: [
    'Polisanmält; ingen ytterligare åtgärd.',
    'Åtgärdat: skalskyddet förstärkt.',
    'Sanerat och fotodokumenterat.',
    'Tas upp i samverkan med polisen och fastighetsägaren.',
    'Dubblett av en annan rapport.',
  ],
  threat_violence: [
    'Riskbedömning gjord; stöd erbjudet och skyddsåtgärder vidtagna.',
    'Polisanmält; medarbetaren har fått stöd.',
    'Ärendet hanteras vidare av två handläggare.',
    'Åtgärdat: larmknapp och nya mötesrutiner.',
  ],
  undue_influence: [
    'Utrett av säkerhetssamordnaren; rutiner skärpta.',
    'Polisanmält; ärendet omfördelat.',
    'Ingen grund för vidare åtgärd.',
  ],
  facility_observation: [
    'Lämnat till polisen och fältassistenterna.',
    'Tas upp i platssamverkan.',
    'Belysningen förbättrad och buskar ansade.',
    'Ingen åtgärd från förvaltningen; polisen informerad.',
  ],
  security: [
    'Åtgärdat: behörigheter ses över.',
    'Anmält till IMY; åtgärder vidtagna.',
    'Låset bytt och rutinen uppdaterad.',
    'Ingen skada uppkom.',
  ],
};

/** The place phrase for a unit's own premises. */
export const UNIT_PLACES: Record<string, readonly string[]> = {
  'Förskoleenhet Nord': ['på förskolan', 'på förskolegården', 'i förskolans hall'],
  'Förskoleenhet Syd': ['på förskolan', 'på förskolegården', 'vid förskolans grind'],
  Hemtjänsten: ['hos en brukare', 'i trapphuset hos en brukare', 'på hemtjänstens lokal'],
  'Vård- och omsorgsboende': ['på boendet', 'i dagrummet på boendet', 'i korridoren på avdelningen'],
  'Barn och unga': ['på socialkontoret', 'i besöksrummet', 'vid ett hembesök'],
  Vuxenenheten: [
    'i mottagningen för ekonomiskt bistånd',
    'i receptionen på försörjningsstöd',
    'i besöksrummet på vuxenenheten',
  ],
  Fritidsgårdar: ['på fritidsgården', 'utanför fritidsgården', 'i fritidsgårdens café'],
  Parklekar: ['på parkleken', 'vid parklekens lekstuga'],
  'Administrativa avdelningen': ['på stadsdelsförvaltningen', 'i receptionen', 'i kontorslandskapet'],
};

/** Public places in a neighbourhood: `{plats}` is replaced. */
export const PUBLIC_PLACES = [
  'i {plats} centrum',
  'vid {plats} tunnelbanestation',
  'vid busshållplatsen i {plats}',
  'i parken i {plats}',
  'på torget i {plats}',
  'i gångtunneln i {plats}',
  'på en gata i {plats}',
];

export function timeOfDay(hour: number): string {
  if (hour < 5) return 'under natten';
  if (hour < 9) return 'på morgonen';
  if (hour < 12) return 'på förmiddagen';
  if (hour < 14) return 'vid lunch';
  if (hour < 18) return 'på eftermiddagen';
  if (hour < 22) return 'på kvällen';
  return 'sent på kvällen';
}
