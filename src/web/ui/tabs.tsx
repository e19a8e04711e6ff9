import {
  Tab as AriaTab,
  TabList as AriaTabList,
  TabPanel as AriaTabPanel,
  Tabs as AriaTabs,
  type TabsProps as AriaTabsProps,
  type TabListProps,
  type TabPanelProps,
  type TabProps,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import './content.css';

/** Tabs switch between views of the same thing; use links in the nav for separate pages. */
export function Tabs({ className, ...props }: AriaTabsProps) {
  return <AriaTabs {...props} className={withClass('tabs', className)} />;
}

export function TabList<T extends object>({ className, ...props }: TabListProps<T>) {
  return <AriaTabList {...props} className={withClass('tabs__list', className)} />;
}

export function Tab({ className, ...props }: TabProps) {
  return <AriaTab {...props} className={withClass('tabs__tab', className)} />;
}

export function TabPanel({ className, ...props }: TabPanelProps) {
  return <AriaTabPanel {...props} className={withClass('tabs__panel', className)} />;
}
