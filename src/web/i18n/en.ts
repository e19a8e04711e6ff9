import { areasEn } from '../features/areas/messages.ts';
import { complianceEn } from '../features/compliance/messages.ts';
import { facilitiesEn } from '../features/facilities/messages.ts';
import { incidentTypesEn } from '../features/incident-types/messages.ts';
import { incidentsEn } from '../features/incidents/messages.ts';
import { notificationsEn } from '../features/notifications/messages.ts';
import { organisationsEn } from '../features/organisations/messages.ts';
import { pictureExportsEn } from '../features/pictures/export-messages.ts';
import { picturesEn } from '../features/pictures/messages.ts';
import { snapshotsEn } from '../features/pictures/snapshot-messages.ts';
import { programmeEn } from '../features/programme/messages.ts';
import { reportEn } from '../features/report/messages.ts';
import { statisticsEn } from '../features/statistics/messages.ts';
import { policeEn } from '../features/statistics/police-messages.ts';
import { threatsEn } from '../features/threats/messages.ts';
import type { Catalogue } from './sv.ts';

/** The English catalogue (British English). The `Catalogue` type makes a missing or extra key an error. */
export const en: Catalogue = {
  ...organisationsEn,
  ...areasEn,
  ...complianceEn,
  ...facilitiesEn,
  ...programmeEn,
  ...reportEn,
  ...notificationsEn,
  ...incidentsEn,
  ...threatsEn,
  ...incidentTypesEn,
  ...picturesEn,
  ...snapshotsEn,
  ...pictureExportsEn,
  ...statisticsEn,
  ...policeEn,
  'app.name': 'Trygg',
  'app.docTitle': '{page} – Trygg',
  'app.skipToMain': 'Skip to main content',
  'app.homeLink': 'Trygg – go to the start page',
  'app.loading': 'Loading…',
  'app.loadingPage': 'Loading the page…',
  'app.footer': "Trygg – the city's work for safety and security",
  'app.footerSource': 'Open source under EUPL-1.2',

  'language.switchLabel': 'Svenska',
  'language.switchLang': 'sv',

  'nav.label': 'Main menu',
  'nav.menu': 'Menu',
  'nav.home': 'Start',
  'nav.audit': 'Audit log',

  'session.loadFailedTitle': 'Trygg could not reach the server',
  'session.loadFailedBody': 'Check your connection and try again in a moment.',
  'session.retry': 'Try again',

  'userMenu.button': 'User menu for {name}',
  'userMenu.label': 'User menu',
  'userMenu.roles': 'Your roles',
  'userMenu.signOut': 'Sign out',
  'userMenu.signOutFailed': 'Signing out did not work. Please try again.',

  'login.title': 'Sign in',
  'login.intro': 'Sign in with your account to work in Trygg.',
  'login.localHeading': 'Sign in with email address and password',
  'login.oidcHeading': "Sign in with the city's account",
  'login.oidc': 'Sign in with {label}',
  'login.email': 'Email address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.errorTitle': 'Sign-in failed',
  'login.invalidCredentials': 'Wrong email address or password. Check them and try again.',
  'login.lockedOut': 'Too many failed attempts. Please wait a while before trying again.',
  'login.lockedOutMinutes': 'Too many failed attempts. You can try again in {minutes} min.',
  'login.invalidInput': 'Check the email address and password and try again.',
  'login.emailRequired': 'Enter your email address.',
  'login.passwordRequired': 'Enter your password.',
  'login.oidcFailed':
    'Signing in with {label} did not work. Try again, or contact support if it keeps failing.',
  'login.oidcStateMismatch':
    'The sign-in could not be completed, perhaps because it took too long or was started in another tab. Please try again.',
  'login.sessionEnded': 'You have been signed out. Sign in again to continue.',
  'login.signedOut': 'You are now signed out.',

  'error.network': 'The server could not be reached. Check your connection and try again.',
  'error.generic': 'Something went wrong. Please try again in a moment.',
  'error.forbidden': 'You do not have permission to do this.',
  'error.invalidRequest': 'The details could not be accepted. Check them and try again.',

  'home.title': 'Start',
  'home.greeting': 'Welcome, {name}',
  'home.intro': 'Here is what your roles give you access to in Trygg.',
  'home.tasksHeading': 'What you can do',
  'home.noTasks':
    'Your roles do not give access to anything in Trygg yet. Contact your administrator if this is wrong.',
  'home.rolesHeading': 'Your roles',
  'home.roleAt': '{role}, {organisation}',
  'home.noRoles': 'You have no roles yet. Contact your administrator.',
  'home.comingSoon': 'Coming soon',

  'task.myReports.title': 'My reports',
  'task.myReports.body':
    'See where your reports stand, what has happened since you sent them, and answer questions from whoever investigates.',
  'task.myReports.link': 'Show my reports',
  'task.threatRegister.title': 'Known-threat register',
  'task.threatRegister.body':
    'Review, correct and delete warnings about clients who threatened staff, and give case workers access to the report when needed.',
  'task.threatRegister.link': 'Open the threat register',
  'task.incidentTypes.title': 'Incident types',
  'task.incidentTypes.body':
    'Which kinds of incident can be reported, the focus areas they belong to and how long they are kept. Every change becomes a new version.',
  'task.users.title': 'Users',
  'task.users.body': 'Create accounts, grant and remove roles, and disable users who have left.',
  'task.organisations.title': 'Organisations',
  'task.organisations.body': "Keep the city's committees, companies and their units in order.",
  'task.compliance.title': 'Coordinators',
  'task.compliance.body':
    'See which committees and companies lack a security coordinator or a crime-prevention coordinator.',
  'task.compliance.link': 'Open the coordinators',
  'task.programme.title': 'The programme',
  'task.programme.body':
    'Read the safety and security programme in force: goal areas, focus areas and objectives.',
  'task.programme.link': 'Read the programme',
  'task.areas.title': 'Areas',
  'task.areas.body': 'District areas and neighbourhoods on a map and in a list.',
  'task.areas.link': 'Show the areas',
  'task.facilities.title': 'Facilities',
  'task.facilities.body': 'Preschools, schools, playgrounds, youth centres and other places the city runs.',
  'task.facilities.link': 'Show the facilities',
  'task.audit.title': 'Audit log',
  'task.audit.body': 'See who did what and when, and who has read sensitive information.',
  'task.audit.link': 'Open the audit log',
  'task.incidents.title': 'Incidents to handle',
  'task.incidents.body':
    'Receive, investigate and follow up incident reports for the units you are responsible for.',
  'task.sensitive.title': 'Sensitive cases',
  'task.sensitive.body': 'Threats, violence and undue influence, seen only by those who need to know.',
  'task.situation.title': "The area's situational picture",
  'task.situation.body': 'Crime and safety in the area: causes, action plan and cooperation with the police.',
  'task.report.title': 'Report an incident',
  'task.report.body':
    'Report a threat, violence or anything else that happened – in a couple of minutes, also from your phone.',
  'task.threats.title': 'Known-threat warnings',
  'task.threats.body':
    'Find out whether a person has threatened a case worker before – and nothing more than you need.',
  'task.cityFigures.title': 'City-wide figures',
  'task.cityFigures.body':
    'Comparisons and trends for the whole city. Small counts are hidden to protect individuals.',
  'task.cityFigures.link': "Show the city's picture",
  'task.situation.link': 'Open the situational pictures',
  'task.pictureCycle.title': "This year's risk and situational pictures",
  'task.pictureCycle.body':
    'See which committees and companies have submitted their picture and which are late.',
  'task.pictureCycle.link': 'Show the submissions',
  'task.statistics.title': 'Statistics for the pictures',
  'task.statistics.body':
    'Import the police events, safety surveys, population and reported crime the pictures draw on.',
  'task.statistics.link': 'Import statistics',

  'role.administrator': 'Administrator',
  'role.city_analyst': 'City analyst',
  'role.security_coordinator': 'Security coordinator',
  'role.crime_prevention_coordinator': 'Crime-prevention coordinator',
  'role.manager': 'Manager',
  'role.employee': 'Employee',
  'role.case_worker': 'Case worker',
  'role.elected_official': 'Elected official',
  'role.auditor': 'Auditor',

  'audit.title': 'Audit log',
  'audit.intro':
    'Every change and every reading of sensitive information is logged here. The log cannot be altered afterwards.',
  'audit.filterHeading': 'Filter events',
  'audit.filterAction': 'Event type',
  'audit.filterActionHint': 'For example auth.signed_in or user.created',
  'audit.filterFrom': 'From',
  'audit.filterTo': 'To',
  'audit.filterTarget': 'Target id',
  'audit.filterApply': 'Filter',
  'audit.filterReset': 'Clear filters',
  'audit.filterToBeforeFrom': 'The end date cannot be before the start date.',
  'audit.resultsHeading': 'Events',
  'audit.tableLabel': 'Audit events',
  'audit.colAt': 'Time',
  'audit.colActor': 'Performed by',
  'audit.colAction': 'Event type',
  'audit.colTarget': 'Target',
  'audit.colFields': 'Changed fields',
  'audit.colIp': 'IP address',
  'audit.colRequest': 'Request id',
  'audit.system': 'The system',
  'audit.missing': 'None',
  'audit.loading': 'Fetching events…',
  'audit.shown': 'Events shown: {count}',
  'audit.loadMore': 'Show more',
  'audit.loadingMore': 'Fetching more…',
  'audit.allShown': 'All events matching the filter are shown.',
  'audit.emptyTitle': 'No events',
  'audit.emptyFiltered': 'No events match the filter. Change or clear the filter.',
  'audit.emptyAll': 'The log has no events yet.',
  'audit.errorTitle': 'The audit log could not be fetched',
  'audit.retry': 'Try again',

  'a11y.footerLink': 'Accessibility statement',
  'a11y.title': 'Accessibility statement',
  'a11y.intro':
    'Trygg must be usable by everyone who works for the city. This page describes how the service meets the Swedish Act (2018:1937) on accessibility of digital public services and how to report problems.',
  'a11y.statusHeading': 'How accessible is the service?',
  'a11y.status':
    'The service is designed to meet WCAG 2.1 level AA (EN 301 549). We know of no shortcomings at present. If you find something that does not work, please tell us.',
  'a11y.howHeading': 'What you can expect',
  'a11y.howKeyboard': 'Everything can be done with the keyboard, and you can always see where the focus is.',
  'a11y.howScreenReader': 'Pages have headings, landmarks and labels that screen readers can use.',
  'a11y.howZoom': 'You can enlarge text to 200 per cent and use the service on a narrow phone screen.',
  'a11y.howLanguage': 'The service is available in Swedish and English.',
  'a11y.testedHeading': 'How we test',
  'a11y.tested':
    'Every page is checked automatically with axe-core against WCAG 2.2 A and AA in every version, and we try keyboard navigation in a real browser.',
  'a11y.reportHeading': 'Report a problem',
  'a11y.report':
    'Contact the city’s support or your administrator and describe what does not work and on which page. You can also ask for the content in another format.',
  'a11y.supervisionHeading': 'Supervision',
  'a11y.supervision':
    'The Agency for Digital Government (Digg) supervises the Act. If you are not satisfied with how we handle your feedback, you can report it to Digg.',

  'notFound.title': 'Page not found',
  'notFound.body': 'The address may be misspelt, or the page may have been moved or removed.',
  'notFound.home': 'Go to the start page',

  'crash.title': 'Something went wrong',
  'crash.body': 'An unexpected error occurred. Reload the page, or go back to the start page.',
  'crash.home': 'Go to the start page',
  'crash.reload': 'Reload the page',

  'forbidden.title': 'You do not have access',
  'forbidden.body': 'Your roles do not give access to this page. Contact your administrator if you need it.',

  'ui.close': 'Close',
  'ui.selectPlaceholder': 'Choose',
  'ui.map.placeholder': 'The map will appear here',
  'ui.map.loading': 'Loading the map…',
  'ui.chart.placeholder': 'The chart will appear here',
  'ui.chart.loading': 'Loading the chart…',
  'ui.tableAlternative': 'Show the data as a table',
};
