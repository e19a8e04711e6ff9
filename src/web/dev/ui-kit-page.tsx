import { useState } from 'react';
import { PageHeading } from '../app/page-heading.tsx';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Checkbox } from '../ui/checkbox.tsx';
import { ComboBox } from '../ui/combo-box.tsx';
import { DatePicker } from '../ui/date-picker.tsx';
import { Dialog, DialogTrigger } from '../ui/dialog.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { LazyChart, LazyMap } from '../ui/lazy-visual.tsx';
import { ListBoxItem } from '../ui/list-box.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { Radio, RadioGroup } from '../ui/radio-group.tsx';
import { Select } from '../ui/select.tsx';
import { Tab, TabList, TabPanel, Tabs } from '../ui/tabs.tsx';
import { TextField } from '../ui/text-field.tsx';

// Development only (the route exists when `import.meta.env.DEV`): every UI kit component on one
// page, to look at and to run axe against. Not translated on purpose: it is never shown to users.

const DISTRICTS = [
  { id: 'rinkeby', name: 'Rinkeby-Kista' },
  { id: 'sodermalm', name: 'Södermalm' },
  { id: 'ostermalm', name: 'Östermalm' },
  { id: 'skarholmen', name: 'Skärholmen' },
];

export function UiKitPage() {
  const [agreed, setAgreed] = useState(false);
  return (
    <>
      <PageHeading title="UI kit" />
      <div style={{ display: 'grid', gap: '2rem', maxWidth: '40rem' }}>
        <section aria-labelledby="kit-buttons">
          <h2 id="kit-buttons">Buttons</h2>
          <div className="page-actions">
            <Button variant="primary">Primary</Button>
            <Button>Secondary</Button>
            <Button variant="quiet">Quiet</Button>
            <Button variant="danger">Danger</Button>
            <Button isDisabled>Disabled</Button>
          </div>
        </section>

        <section aria-labelledby="kit-fields">
          <h2 id="kit-fields">Fields</h2>
          <div style={{ display: 'grid', gap: '1rem' }}>
            <TextField label="Name" description="As in the population register" isRequired />
            <TextField label="Invalid field" isInvalid errorMessage="Something is wrong here." />
            <Select label="District" items={DISTRICTS}>
              {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
            </Select>
            <ComboBox label="District (search)" defaultItems={DISTRICTS}>
              {(item: { id: string; name: string }) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
            </ComboBox>
            <DatePicker label="Date of the incident" />
            <Checkbox isSelected={agreed} onChange={setAgreed}>
              I have read the instructions
            </Checkbox>
            <RadioGroup label="Seriousness" defaultValue="low">
              <Radio value="low">Low</Radio>
              <Radio value="medium">Medium</Radio>
              <Radio value="high">High</Radio>
            </RadioGroup>
          </div>
        </section>

        <section aria-labelledby="kit-feedback">
          <h2 id="kit-feedback">Feedback</h2>
          <div style={{ display: 'grid', gap: '1rem' }}>
            <Alert tone="info" title="Info">
              Information.
            </Alert>
            <Alert tone="success">Saved.</Alert>
            <Alert tone="warning" role="none">
              A warning.
            </Alert>
            <Alert tone="error" role="none" title="Error">
              An error.
            </Alert>
            <ProgressBar label="Importing" value={40} />
            <ProgressBar label="Loading" isIndeterminate />
            <EmptyState title="Nothing here" action={<Button>Do something</Button>}>
              <p>There is nothing to show yet.</p>
            </EmptyState>
          </div>
        </section>

        <section aria-labelledby="kit-containers">
          <h2 id="kit-containers">Containers</h2>
          <Card title="A card" headingLevel={3} footer={<Button>Action</Button>}>
            <p>Card content.</p>
          </Card>
          <Tabs>
            <TabList aria-label="Views">
              <Tab id="list">List</Tab>
              <Tab id="map">Map</Tab>
              <Tab id="chart">Chart</Tab>
            </TabList>
            <TabPanel id="list">A list.</TabPanel>
            <TabPanel id="map">
              <LazyMap title="Incidents by district" tableAlternative={<p>Table here.</p>} />
            </TabPanel>
            <TabPanel id="chart">
              <LazyChart title="Incidents per month" description="Rising since March." />
            </TabPanel>
          </Tabs>
          <DialogTrigger>
            <Button>Open dialog</Button>
            <Dialog
              title="Confirm"
              actions={(close) => (
                <>
                  <Button onPress={close}>Cancel</Button>
                  <Button variant="primary" onPress={close}>
                    Confirm
                  </Button>
                </>
              )}
            >
              <p>Are you sure?</p>
            </Dialog>
          </DialogTrigger>
        </section>
      </div>
    </>
  );
}
