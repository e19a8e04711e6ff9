import type { ReactNode } from 'react';
import {
  Dialog as AriaDialog,
  DialogTrigger,
  type DialogTriggerProps,
  Heading,
  Modal,
  ModalOverlay,
} from 'react-aria-components';
import { useT } from '../i18n/i18n-provider.tsx';
import { Button } from './button.tsx';
import './overlay.css';

export type { DialogTriggerProps };
export { DialogTrigger };

export interface DialogProps {
  title: string;
  children: ReactNode | ((close: () => void) => ReactNode);
  /** Buttons at the bottom, given a function that closes the dialog. */
  actions?: (close: () => void) => ReactNode;
  /** Dismiss by clicking outside (Escape always closes unless `isKeyboardDismissDisabled`). */
  isDismissable?: boolean;
  isKeyboardDismissDisabled?: boolean;
  role?: 'dialog' | 'alertdialog';
  /** For a controlled dialog; inside a `DialogTrigger` leave these out. */
  isOpen?: boolean;
  onOpenChange?: (isOpen: boolean) => void;
}

/**
 * A modal dialog: focus is trapped inside and returns to the trigger on close. Put it as the second
 * child of a `DialogTrigger`, or control it with `isOpen`.
 */
export function Dialog({
  title,
  children,
  actions,
  isDismissable = true,
  isKeyboardDismissDisabled,
  role,
  isOpen,
  onOpenChange,
}: DialogProps) {
  const t = useT();
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable={isDismissable}
      isKeyboardDismissDisabled={isKeyboardDismissDisabled}
      isOpen={isOpen}
      onOpenChange={onOpenChange}
    >
      <Modal className="modal">
        <AriaDialog className="dialog" role={role}>
          {({ close }) => (
            <>
              <div className="dialog__header">
                <Heading slot="title" level={2} className="dialog__heading">
                  {title}
                </Heading>
                <Button variant="quiet" onPress={close}>
                  {t('ui.close')}
                </Button>
              </div>
              <div className="dialog__body">
                {typeof children === 'function' ? children(close) : children}
              </div>
              {actions ? <div className="dialog__actions">{actions(close)}</div> : null}
            </>
          )}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
