import type { SessionUser } from '../../../domain/api/auth.ts';
import type { PlainMessageKey } from '../../i18n/translate.ts';

/** Something a user's roles let them do, shown as a card on the start page. */
export interface Task {
  id: string;
  title: PlainMessageKey;
  body: PlainMessageKey;
  /** Where it lives, once it is built; without one the card says "Kommer snart". */
  link?: { to: string; label: PlainMessageKey };
  isFor: (user: SessionUser) => boolean;
}

const can = (user: SessionUser, permission: SessionUser['permissions'][number]) =>
  user.permissions.includes(permission);

/** In the order a user meets them: day-to-day work first, administration last. */
const TASKS: readonly Task[] = [
  {
    id: 'situation',
    title: 'task.situation.title',
    body: 'task.situation.body',
    link: { to: '/pictures', label: 'task.situation.link' },
    isFor: (u) => can(u, 'pictures.manage'),
  },
  {
    id: 'incidents',
    title: 'task.incidents.title',
    body: 'task.incidents.body',
    link: { to: '/incidents', label: 'incidents.taskLink' },
    isFor: (u) => can(u, 'incidents.handle'),
  },
  {
    id: 'sensitive',
    title: 'task.sensitive.title',
    body: 'task.sensitive.body',
    link: { to: '/incidents?needToKnow=true', label: 'incidents.sensitiveTaskLink' },
    isFor: (u) => can(u, 'sensitive.read'),
  },
  {
    id: 'threats',
    title: 'task.threats.title',
    body: 'task.threats.body',
    link: { to: '/threats', label: 'threats.taskLink' },
    isFor: (u) => can(u, 'threat_register.lookup'),
  },
  {
    id: 'city-figures',
    title: 'task.cityFigures.title',
    body: 'task.cityFigures.body',
    link: { to: '/pictures/explore', label: 'task.cityFigures.link' },
    isFor: (u) => can(u, 'aggregates.read_city'),
  },
  {
    id: 'picture-cycle',
    title: 'task.pictureCycle.title',
    body: 'task.pictureCycle.body',
    link: { to: '/pictures/cycle', label: 'task.pictureCycle.link' },
    isFor: (u) => can(u, 'pictures.cycle'),
  },
  {
    id: 'statistics',
    title: 'task.statistics.title',
    body: 'task.statistics.body',
    link: { to: '/statistics', label: 'task.statistics.link' },
    isFor: (u) => can(u, 'statistics.manage'),
  },
  {
    id: 'report',
    title: 'task.report.title',
    body: 'task.report.body',
    link: { to: '/report', label: 'report.taskLink' },
    isFor: (u) => can(u, 'incidents.report'),
  },
  {
    id: 'my-reports',
    title: 'task.myReports.title',
    body: 'task.myReports.body',
    link: { to: '/my-reports', label: 'task.myReports.link' },
    isFor: (u) => can(u, 'incidents.report'),
  },
  {
    id: 'threat-register',
    title: 'task.threatRegister.title',
    body: 'task.threatRegister.body',
    link: { to: '/threat-register', label: 'task.threatRegister.link' },
    isFor: (u) => can(u, 'threat_register.manage'),
  },
  {
    id: 'incident-types',
    title: 'task.incidentTypes.title',
    body: 'task.incidentTypes.body',
    link: { to: '/incident-types', label: 'incidentTypes.taskLink' },
    isFor: (u) => can(u, 'incident_types.manage'),
  },
  { id: 'users', title: 'task.users.title', body: 'task.users.body', isFor: (u) => can(u, 'users.manage') },
  {
    id: 'organisations',
    title: 'task.organisations.title',
    body: 'task.organisations.body',
    link: { to: '/organisations', label: 'organisations.taskLink' },
    isFor: (u) => can(u, 'organisations.manage'),
  },
  {
    id: 'compliance',
    title: 'task.compliance.title',
    body: 'task.compliance.body',
    link: { to: '/compliance', label: 'task.compliance.link' },
    isFor: (u) => can(u, 'compliance.read'),
  },
  {
    id: 'programme',
    title: 'task.programme.title',
    body: 'task.programme.body',
    link: { to: '/programme', label: 'task.programme.link' },
    isFor: () => true,
  },
  {
    id: 'areas',
    title: 'task.areas.title',
    body: 'task.areas.body',
    link: { to: '/areas', label: 'task.areas.link' },
    isFor: () => true,
  },
  {
    id: 'facilities',
    title: 'task.facilities.title',
    body: 'task.facilities.body',
    link: { to: '/facilities', label: 'task.facilities.link' },
    isFor: (u) => can(u, 'organisations.read'),
  },
  {
    id: 'audit',
    title: 'task.audit.title',
    body: 'task.audit.body',
    link: { to: '/audit', label: 'task.audit.link' },
    isFor: (u) => can(u, 'audit.read'),
  },
];

/** The user's tasks, the ones that can be opened today first. */
export function tasksFor(user: SessionUser): Task[] {
  const mine = TASKS.filter((task) => task.isFor(user));
  return [...mine.filter((task) => task.link), ...mine.filter((task) => !task.link)];
}
