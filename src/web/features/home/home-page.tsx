import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { useSession } from '../../session/session-provider.tsx';
import { LinkButton } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import './home.css';
import { tasksFor } from './tasks.ts';

export function HomePage() {
  const t = useT();
  const { user } = useSession();
  if (!user) return null;
  const tasks = tasksFor(user);

  return (
    <>
      <PageHeading title={t('home.title')}>{t('home.greeting', { name: user.name })}</PageHeading>
      <p>{t('home.intro')}</p>

      <section aria-labelledby="home-tasks" className="home__section">
        <h2 id="home-tasks">{t('home.tasksHeading')}</h2>
        {tasks.length > 0 ? (
          <ul className="task-grid">
            {tasks.map((task) => (
              <Card
                key={task.id}
                as="li"
                title={t(task.title)}
                className={task.link ? 'task' : 'task task--soon'}
                footer={
                  task.link ? (
                    <LinkButton href={task.link.to} variant="primary">
                      {t(task.link.label)}
                    </LinkButton>
                  ) : (
                    <span className="badge">{t('home.comingSoon')}</span>
                  )
                }
              >
                <p>{t(task.body)}</p>
              </Card>
            ))}
          </ul>
        ) : (
          <p>{t('home.noTasks')}</p>
        )}
      </section>

      <section aria-labelledby="home-roles" className="home__section">
        <h2 id="home-roles">{t('home.rolesHeading')}</h2>
        {user.roles.length > 0 ? (
          <ul className="role-list">
            {user.roles.map((grant) => (
              <li key={`${grant.role}:${grant.organisationId}`}>
                {t('home.roleAt', { role: t(`role.${grant.role}`), organisation: grant.organisationName })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('home.noRoles')}</p>
        )}
      </section>
    </>
  );
}
