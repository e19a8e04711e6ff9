import { type FormEvent, useId, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { Navigate, useSearchParams } from 'react-router';
import { oidcLoginUrl } from '../../api/auth.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { safeReturnTo } from '../../app/return-to.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, buttonClassName } from '../../ui/button.tsx';
import { TextField } from '../../ui/text-field.tsx';
import './login.css';

interface FieldErrors {
  email?: string;
  password?: string;
}

export function LoginPage() {
  const t = useT();
  const { user, oidc, signIn, signedOutReason } = useSession();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const oidcError = params.get('error');

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [isPending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  // Signed in (just now, or already): on to where they were going.
  if (user) return <Navigate to={returnTo} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('login.emailRequired');
    if (!password) errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email || errors.password) {
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setPending(true);
    try {
      await signIn({ email: email.trim(), password });
      // The session now has a user; the <Navigate> above takes over on the next render.
    } catch (error) {
      setFormError(error);
      setPending(false);
    }
  };

  const oidcMessage =
    oidcError === 'oidc_failed'
      ? t('login.oidcFailed', { label: oidc.label || 'OIDC' })
      : oidcError === 'oidc_state_mismatch'
        ? t('login.oidcStateMismatch')
        : null;

  const form = (
    <Form
      className="login-form"
      onSubmit={onSubmit}
      validationBehavior="aria"
      aria-describedby={formError ? errorId : undefined}
    >
      {formError ? (
        <Alert tone="error" id={errorId} title={t('login.errorTitle')}>
          <p>{signInErrorMessage(formError, t)}</p>
        </Alert>
      ) : null}
      <TextField
        label={t('login.email')}
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        isRequired
        value={email}
        onChange={(value) => {
          setEmail(value);
          if (fieldErrors.email) setFieldErrors((current) => ({ ...current, email: undefined }));
        }}
        isInvalid={Boolean(fieldErrors.email)}
        errorMessage={fieldErrors.email}
        inputRef={emailRef}
      />
      <TextField
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        isRequired
        value={password}
        onChange={(value) => {
          setPassword(value);
          if (fieldErrors.password) setFieldErrors((current) => ({ ...current, password: undefined }));
        }}
        isInvalid={Boolean(fieldErrors.password)}
        errorMessage={fieldErrors.password}
        inputRef={passwordRef}
      />
      {/* Not React Aria's isPending: its announcement points at the button by id and outlives it. */}
      <Button
        type="submit"
        variant="primary"
        className="login-form__submit"
        aria-busy={isPending || undefined}
      >
        {isPending ? t('login.submitting') : t('login.submit')}
      </Button>
    </Form>
  );

  return (
    <div className="login">
      <PageHeading title={t('login.title')} />
      <p>{t('login.intro')}</p>

      <div className="login__messages">
        {oidcMessage ? (
          <Alert tone="error" title={t('login.errorTitle')}>
            <p>{oidcMessage}</p>
          </Alert>
        ) : null}
        {signedOutReason === 'session_ended' ? <Alert tone="warning">{t('login.sessionEnded')}</Alert> : null}
        {signedOutReason === 'signed_out' ? <Alert tone="success">{t('login.signedOut')}</Alert> : null}
      </div>

      {oidc.enabled ? (
        <>
          <section className="login__section">
            <h2>{t('login.oidcHeading')}</h2>
            {/* A full page navigation to the identity provider, so a plain link rather than a router link. */}
            <a className={buttonClassName('primary', 'login__oidc')} href={oidcLoginUrl(returnTo)}>
              {t('login.oidc', { label: oidc.label })}
            </a>
          </section>
          <section className="login__section">
            <h2>{t('login.localHeading')}</h2>
            {form}
          </section>
        </>
      ) : (
        form
      )}
    </div>
  );
}

function signInErrorMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  if (error.status === 401 || error.code === 'auth.invalid_credentials') return t('login.invalidCredentials');
  if (error.status === 429 || error.code === 'auth.too_many_attempts') {
    const seconds = error.retryAfterSeconds;
    return seconds && seconds > 0
      ? t('login.lockedOutMinutes', { minutes: Math.max(1, Math.ceil(seconds / 60)) })
      : t('login.lockedOut');
  }
  if (error.status === 400) return t('login.invalidInput');
  return t('error.generic');
}
