import { areasSv } from '../features/areas/messages.ts';
import { complianceSv } from '../features/compliance/messages.ts';
import { facilitiesSv } from '../features/facilities/messages.ts';
import { incidentTypesSv } from '../features/incident-types/messages.ts';
import { incidentsSv } from '../features/incidents/messages.ts';
import { notificationsSv } from '../features/notifications/messages.ts';
import { organisationsSv } from '../features/organisations/messages.ts';
import { pictureExportsSv } from '../features/pictures/export-messages.ts';
import { picturesSv } from '../features/pictures/messages.ts';
import { snapshotsSv } from '../features/pictures/snapshot-messages.ts';
import { programmeSv } from '../features/programme/messages.ts';
import { reportSv } from '../features/report/messages.ts';
import { statisticsSv } from '../features/statistics/messages.ts';
import { policeSv } from '../features/statistics/police-messages.ts';
import { threatsSv } from '../features/threats/messages.ts';

/**
 * The Swedish catalogue: the source of truth for which messages exist. `{name}` marks a value put in
 * by the caller. Keep the Swedish plain and friendly, the way a colleague would write it.
 */
export const sv = {
  ...organisationsSv,
  ...areasSv,
  ...complianceSv,
  ...facilitiesSv,
  ...programmeSv,
  ...reportSv,
  ...notificationsSv,
  ...incidentsSv,
  ...threatsSv,
  ...incidentTypesSv,
  ...picturesSv,
  ...snapshotsSv,
  ...pictureExportsSv,
  ...statisticsSv,
  ...policeSv,
  'app.name': 'Trygg',
  'app.docTitle': '{page} – Trygg',
  'app.skipToMain': 'Hoppa till huvudinnehållet',
  'app.homeLink': 'Trygg – till startsidan',
  'app.loading': 'Laddar…',
  'app.loadingPage': 'Laddar sidan…',
  'app.footer': 'Trygg – stadens arbete för trygghet och säkerhet',
  'app.footerSource': 'Öppen källkod under EUPL-1.2',

  'language.switchLabel': 'English',
  'language.switchLang': 'en',

  'nav.label': 'Huvudmeny',
  'nav.menu': 'Meny',
  'nav.home': 'Start',
  'nav.audit': 'Granskningslogg',

  'session.loadFailedTitle': 'Trygg kunde inte nå servern',
  'session.loadFailedBody': 'Kontrollera din anslutning och försök igen om en stund.',
  'session.retry': 'Försök igen',

  'userMenu.button': 'Användarmeny för {name}',
  'userMenu.label': 'Användarmeny',
  'userMenu.roles': 'Dina roller',
  'userMenu.signOut': 'Logga ut',
  'userMenu.signOutFailed': 'Det gick inte att logga ut. Försök igen.',

  'login.title': 'Logga in',
  'login.intro': 'Logga in med ditt konto för att arbeta i Trygg.',
  'login.localHeading': 'Logga in med e-postadress och lösenord',
  'login.oidcHeading': 'Logga in med stadens konto',
  'login.oidc': 'Logga in med {label}',
  'login.email': 'E-postadress',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.submitting': 'Loggar in…',
  'login.errorTitle': 'Inloggningen misslyckades',
  'login.invalidCredentials': 'Fel e-postadress eller lösenord. Kontrollera uppgifterna och försök igen.',
  'login.lockedOut': 'För många misslyckade försök. Vänta en stund innan du försöker igen.',
  'login.lockedOutMinutes': 'För många misslyckade försök. Du kan försöka igen om {minutes} min.',
  'login.invalidInput': 'Kontrollera e-postadressen och lösenordet och försök igen.',
  'login.emailRequired': 'Fyll i din e-postadress.',
  'login.passwordRequired': 'Fyll i ditt lösenord.',
  'login.oidcFailed':
    'Det gick inte att logga in med {label}. Försök igen, eller kontakta supporten om felet finns kvar.',
  'login.oidcStateMismatch':
    'Inloggningen kunde inte slutföras, kanske för att den tog för lång tid eller startades i en annan flik. Försök igen.',
  'login.sessionEnded': 'Du har blivit utloggad. Logga in igen för att fortsätta.',
  'login.signedOut': 'Du är nu utloggad.',

  'error.network': 'Det gick inte att nå servern. Kontrollera din anslutning och försök igen.',
  'error.generic': 'Något gick fel. Försök igen om en stund.',
  'error.forbidden': 'Du saknar behörighet för det här.',
  'error.invalidRequest': 'Uppgifterna kunde inte tas emot. Kontrollera dem och försök igen.',

  'home.title': 'Start',
  'home.greeting': 'Välkommen, {name}',
  'home.intro': 'Här ser du det som dina roller ger dig tillgång till i Trygg.',
  'home.tasksHeading': 'Det här kan du göra',
  'home.noTasks':
    'Dina roller ger ännu inte tillgång till något i Trygg. Kontakta din administratör om det är fel.',
  'home.rolesHeading': 'Dina roller',
  'home.roleAt': '{role}, {organisation}',
  'home.noRoles': 'Du har inga roller ännu. Kontakta din administratör.',
  'home.comingSoon': 'Kommer snart',

  'task.myReports.title': 'Mina rapporter',
  'task.myReports.body':
    'Se var dina rapporter står, vad som har hänt sedan du skickade dem och svara på frågor från den som utreder.',
  'task.myReports.link': 'Visa mina rapporter',
  'task.threatRegister.title': 'Register över kända hot',
  'task.threatRegister.body':
    'Granska, rätta och ta bort varningar om klienter som hotat personal, och ge handläggare tillgång till rapporten när det behövs.',
  'task.threatRegister.link': 'Öppna hotregistret',
  'task.incidentTypes.title': 'Händelsetyper',
  'task.incidentTypes.body':
    'Vilka typer av händelser som kan rapporteras, vilka fokusområden de hör till och hur länge de sparas. Varje ändring blir en ny version.',
  'task.users.title': 'Användare',
  'task.users.body': 'Skapa konton, ge och ta bort roller och stäng av användare som har slutat.',
  'task.organisations.title': 'Organisationer',
  'task.organisations.body': 'Håll ordning på stadens nämnder, bolag och deras enheter.',
  'task.compliance.title': 'Samordnare',
  'task.compliance.body':
    'Se vilka nämnder och bolag som saknar säkerhetssamordnare eller brottsförebyggande samordnare.',
  'task.compliance.link': 'Öppna samordnarna',
  'task.programme.title': 'Programmet',
  'task.programme.body':
    'Läs trygghets- och säkerhetsprogrammet som gäller: målområden, fokusområden och mål.',
  'task.programme.link': 'Läs programmet',
  'task.areas.title': 'Områden',
  'task.areas.body': 'Stadsdelsområden och stadsdelar på karta och i lista.',
  'task.areas.link': 'Visa områdena',
  'task.facilities.title': 'Anläggningar',
  'task.facilities.body': 'Förskolor, skolor, parklekar, fritidsgårdar och andra platser som staden driver.',
  'task.facilities.link': 'Visa anläggningarna',
  'task.audit.title': 'Granskningslogg',
  'task.audit.body': 'Se vem som har gjort vad och när, och vem som har läst känsliga uppgifter.',
  'task.audit.link': 'Öppna granskningsloggen',
  'task.incidents.title': 'Händelser att hantera',
  'task.incidents.body': 'Ta emot, utred och följ upp händelserapporter för de verksamheter du ansvarar för.',
  'task.sensitive.title': 'Känsliga ärenden',
  'task.sensitive.body': 'Hot, våld och otillåten påverkan, som bara de som behöver veta får se.',
  'task.situation.title': 'Lägesbild för området',
  'task.situation.body': 'Brott och trygghet i området: orsaker, åtgärdsplan och samverkan med polisen.',
  'task.report.title': 'Rapportera en händelse',
  'task.report.body':
    'Rapportera hot, våld eller något annat som har hänt – på ett par minuter, även från mobilen.',
  'task.threats.title': 'Varningar om kända hot',
  'task.threats.body':
    'Få veta om en person tidigare har hotat en handläggare – och inget mer än det du behöver.',
  'task.cityFigures.title': 'Siffror för hela staden',
  'task.cityFigures.body': 'Jämförelser och trender för hela staden. Små tal döljs för att skydda enskilda.',
  'task.cityFigures.link': 'Visa stadens lägesbild',
  'task.situation.link': 'Öppna lägesbilderna',
  'task.pictureCycle.title': 'Årets risk- och lägesbilder',
  'task.pictureCycle.body':
    'Se vilka nämnder och bolag som har lämnat in sin lägesbild och vilka som är sena.',
  'task.pictureCycle.link': 'Visa inlämningarna',
  'task.statistics.title': 'Statistik till lägesbilderna',
  'task.statistics.body':
    'Läs in polisens händelser, trygghetsmätningar, befolkning och anmälda brott som lägesbilderna bygger på.',
  'task.statistics.link': 'Läs in statistik',

  'role.administrator': 'Administratör',
  'role.city_analyst': 'Analytiker för staden',
  'role.security_coordinator': 'Säkerhetssamordnare',
  'role.crime_prevention_coordinator': 'Brottsförebyggande samordnare',
  'role.manager': 'Chef',
  'role.employee': 'Medarbetare',
  'role.case_worker': 'Handläggare',
  'role.elected_official': 'Förtroendevald',
  'role.auditor': 'Granskare',

  'audit.title': 'Granskningslogg',
  'audit.intro':
    'Här loggas alla ändringar och alla läsningar av känsliga uppgifter. Loggen kan inte ändras i efterhand.',
  'audit.filterHeading': 'Filtrera händelser',
  'audit.filterAction': 'Händelsetyp',
  'audit.filterActionHint': 'Till exempel auth.signed_in eller user.created',
  'audit.filterFrom': 'Från och med',
  'audit.filterTo': 'Till och med',
  'audit.filterTarget': 'Objektets id',
  'audit.filterApply': 'Filtrera',
  'audit.filterReset': 'Rensa filter',
  'audit.filterToBeforeFrom': 'Slutdatumet kan inte vara före startdatumet.',
  'audit.resultsHeading': 'Händelser',
  'audit.tableLabel': 'Granskningshändelser',
  'audit.colAt': 'Tid',
  'audit.colActor': 'Utförd av',
  'audit.colAction': 'Händelsetyp',
  'audit.colTarget': 'Objekt',
  'audit.colFields': 'Ändrade fält',
  'audit.colIp': 'IP-adress',
  'audit.colRequest': 'Anrops-id',
  'audit.system': 'Systemet',
  'audit.missing': 'Saknas',
  'audit.loading': 'Hämtar händelser…',
  'audit.shown': 'Antal visade händelser: {count}',
  'audit.loadMore': 'Visa fler',
  'audit.loadingMore': 'Hämtar fler…',
  'audit.allShown': 'Alla händelser som matchar filtret visas.',
  'audit.emptyTitle': 'Inga händelser',
  'audit.emptyFiltered': 'Inga händelser matchar filtret. Ändra eller rensa filtret.',
  'audit.emptyAll': 'Loggen innehåller inga händelser ännu.',
  'audit.errorTitle': 'Det gick inte att hämta granskningsloggen',
  'audit.retry': 'Försök igen',

  'a11y.footerLink': 'Tillgänglighetsredogörelse',
  'a11y.title': 'Tillgänglighetsredogörelse',
  'a11y.intro':
    'Trygg ska kunna användas av alla som arbetar i staden. Här beskriver vi hur tjänsten uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service och hur du kan påpeka brister.',
  'a11y.statusHeading': 'Hur tillgänglig är tjänsten?',
  'a11y.status':
    'Tjänsten är utformad för att uppfylla WCAG 2.1 på nivå AA (EN 301 549). Vi känner inte till några brister just nu. Hittar du något som inte fungerar vill vi veta det.',
  'a11y.howHeading': 'Det här kan du förvänta dig',
  'a11y.howKeyboard': 'Allt går att göra med tangentbordet, och du ser alltid var fokus är.',
  'a11y.howScreenReader': 'Sidorna har rubriker, landmärken och etiketter som skärmläsare kan använda.',
  'a11y.howZoom': 'Du kan förstora texten till 200 procent och använda tjänsten på en smal mobilskärm.',
  'a11y.howLanguage': 'Tjänsten finns på svenska och engelska.',
  'a11y.testedHeading': 'Så har vi testat',
  'a11y.tested':
    'Varje sida kontrolleras automatiskt med axe-core mot WCAG 2.2 A och AA i varje version, och vi provar tangentbordsnavigering i en riktig webbläsare.',
  'a11y.reportHeading': 'Påpeka brister',
  'a11y.report':
    'Kontakta stadens support eller din administratör och beskriv vad som inte fungerar och på vilken sida. Du kan också be om innehållet i ett annat format.',
  'a11y.supervisionHeading': 'Tillsyn',
  'a11y.supervision':
    'Myndigheten för digital förvaltning (Digg) har tillsyn över lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.',

  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Adressen kan vara felstavad, eller så har sidan flyttats eller tagits bort.',
  'notFound.home': 'Till startsidan',

  'crash.title': 'Något gick fel',
  'crash.body': 'Ett oväntat fel inträffade. Ladda om sidan, eller gå tillbaka till startsidan.',
  'crash.home': 'Till startsidan',
  'crash.reload': 'Ladda om sidan',

  'forbidden.title': 'Du saknar behörighet',
  'forbidden.body':
    'Dina roller ger inte tillgång till den här sidan. Kontakta din administratör om du behöver den.',

  'ui.close': 'Stäng',
  'ui.selectPlaceholder': 'Välj',
  'ui.map.placeholder': 'Kartan visas här',
  'ui.map.loading': 'Laddar kartan…',
  'ui.chart.placeholder': 'Diagrammet visas här',
  'ui.chart.loading': 'Laddar diagrammet…',
  'ui.tableAlternative': 'Visa uppgifterna som tabell',
} as const;

export type MessageKey = keyof typeof sv;
/** Every other catalogue must have exactly the Swedish keys. */
export type Catalogue = Record<MessageKey, string>;
