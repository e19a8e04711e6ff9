import {
  Button as AriaButton,
  type ButtonProps as AriaButtonProps,
  Link as AriaLink,
  type LinkProps as AriaLinkProps,
} from 'react-aria-components';
import './button.css';
import { cx, withClass } from './class-names.ts';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';

export interface ButtonProps extends AriaButtonProps {
  /** `primary` for the one main action of a view; it is also the large (44 px) size. */
  variant?: ButtonVariant;
}

/** The classes of a button, for a native element that must look like one (e.g. a full-page-navigation link). */
export function buttonClassName(variant: ButtonVariant = 'secondary', extra?: string): string {
  return cx('button', `button--${variant}`, extra);
}

export function Button({ variant = 'secondary', className, ...props }: ButtonProps) {
  return <AriaButton {...props} className={withClass(cx('button', `button--${variant}`), className)} />;
}

export interface LinkButtonProps extends AriaLinkProps {
  variant?: ButtonVariant;
}

/** A link that looks like a button: for navigation (including full-page navigation such as OIDC sign-in). */
export function LinkButton({ variant = 'secondary', className, ...props }: LinkButtonProps) {
  return <AriaLink {...props} className={withClass(cx('button', `button--${variant}`), className)} />;
}
