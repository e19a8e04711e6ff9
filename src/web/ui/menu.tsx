import {
  Menu as AriaMenu,
  MenuItem as AriaMenuItem,
  type MenuItemProps,
  type MenuProps,
  MenuTrigger,
  Popover,
  type PopoverProps,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import './overlay.css';

export { MenuTrigger };

export function MenuPopover({ className, ...props }: PopoverProps) {
  return <Popover {...props} className={withClass('popover', className)} />;
}

export function Menu<T extends object>({ className, ...props }: MenuProps<T>) {
  return <AriaMenu {...props} className={withClass('menu', className)} />;
}

export function MenuItem<T extends object>({ className, ...props }: MenuItemProps<T>) {
  return <AriaMenuItem {...props} className={withClass('menu__item', className)} />;
}
