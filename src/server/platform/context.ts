import type { Actor, Permission } from '../../domain/permissions.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { ActorRole } from './access.ts';

/** What every module gets: settings, the database and an injectable clock. */
export interface AppDeps {
  config: Config;
  db: Db;
  /** Current time; tests move it. */
  now: () => Date;
  /** Background jobs, when this process runs them (absent in most tests and CLI commands). */
  jobs?: JobsHandle;
}

/** What use cases may ask of the job runner (platform/jobs.ts). */
export interface JobsHandle {
  /** Deliver pending notifications now rather than at the next periodic run (call after commit). */
  kickNotifications(): void;
}

export interface SessionInfo {
  idHash: string;
  userId: string;
  csrfToken: string;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  locale: 'sv' | 'en';
  roles: ActorRole[];
}

/**
 * Who may call a route: `public` (anyone), `user` (any signed-in user) or a permission the user
 * must hold in at least one organisation. Resource-level checks happen in the use case.
 */
export type RouteAccess = 'public' | 'user' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
    actor: Actor | null;
    user: CurrentUser | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Skip the CSRF check (only for routes reached by top-level navigation from another site, like OIDC callbacks). */
    csrfExempt?: boolean;
  }
}
