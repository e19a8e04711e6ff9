import { ListBoxItem as AriaListBoxItem, type ListBoxItemProps } from 'react-aria-components';
import { withClass } from './class-names.ts';
import './overlay.css';

/** One option in a Select or ComboBox. Give it `id` (the key) and `textValue` if its children are not text. */
export function ListBoxItem<T extends object>({ className, ...props }: ListBoxItemProps<T>) {
  return <AriaListBoxItem {...props} className={withClass('listbox__item', className)} />;
}
