import { useId, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useNavigate } from 'react-router';
import type { SessionUser } from '../../domain/api/auth.ts';
import { useT } from '../i18n/i18n-provider.tsx';
import { useSession } from '../session/session-provider.tsx';
import { Button } from '../ui/button.tsx';
import { Menu, MenuItem, MenuPopover, MenuTrigger } from '../ui/menu.tsx';

/** The signed-in user's name in the header; opens a menu with their roles and "Logga ut". */
export function UserMenu({ user }: { user: SessionUser }) {
  const t = useT();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const rolesId = useId();

  const onAction = async (key: Key) => {
    if (key !== 'sign-out') return;
    setFailed(false);
    try {
      await signOut();
      navigate('/login', { replace: true });
    } catch {
      setFailed(true);
    }
  };

  return (
    <div className="user-menu">
      <MenuTrigger>
        {/* The name stays the visible label (and is contained in the accessible name, WCAG 2.5.3). */}
        <Button
          variant="quiet"
          className="user-menu__button"
          aria-label={t('userMenu.button', { name: user.name })}
        >
          <PersonIcon />
          <span className="user-menu__name">{user.name}</span>
          <span className="select__chevron" aria-hidden="true" />
        </Button>
        <MenuPopover placement="bottom end" className="user-menu__popover">
          <div className="user-menu__summary">
            <p className="user-menu__summary-name">{user.name}</p>
            <p className="user-menu__summary-email">{user.email}</p>
            {user.roles.length > 0 ? (
              <>
                <p className="user-menu__summary-heading" id={rolesId}>
                  {t('userMenu.roles')}
                </p>
                <ul className="user-menu__roles" aria-labelledby={rolesId}>
                  {user.roles.map((grant) => (
                    <li key={`${grant.role}:${grant.organisationId}`}>
                      {t('home.roleAt', {
                        role: t(`role.${grant.role}`),
                        organisation: grant.organisationName,
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
          <Menu aria-label={t('userMenu.label')} onAction={onAction}>
            <MenuItem id="sign-out">{t('userMenu.signOut')}</MenuItem>
          </Menu>
        </MenuPopover>
      </MenuTrigger>
      {failed ? (
        <p role="alert" className="user-menu__error">
          {t('userMenu.signOutFailed')}
        </p>
      ) : null}
    </div>
  );
}

function PersonIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20" fill="none">
      <circle cx="10" cy="6.5" r="3.5" stroke="currentColor" strokeWidth="1.6" />
      <path
        d="M3 17.5c.8-3.4 3.6-5.5 7-5.5s6.2 2.1 7 5.5"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
