/**
 * The demo city's organisation: Stockholm's public names. District committees answer for the
 * district area of the same name (the 13 areas as they stood from 2020-07-01).
 */
export const DISTRICT_COMMITTEES: readonly { name: string; area: string }[] = [
  { name: 'Bromma stadsdelsnämnd', area: 'Bromma' },
  { name: 'Enskede-Årsta-Vantörs stadsdelsnämnd', area: 'Enskede-Årsta-Vantör' },
  { name: 'Farsta stadsdelsnämnd', area: 'Farsta' },
  { name: 'Hägersten-Älvsjö stadsdelsnämnd', area: 'Hägersten-Älvsjö' },
  { name: 'Hässelby-Vällingby stadsdelsnämnd', area: 'Hässelby-Vällingby' },
  { name: 'Kungsholmens stadsdelsnämnd', area: 'Kungsholmen' },
  { name: 'Norrmalms stadsdelsnämnd', area: 'Norrmalm' },
  { name: 'Rinkeby-Kista stadsdelsnämnd', area: 'Rinkeby-Kista' },
  { name: 'Skarpnäcks stadsdelsnämnd', area: 'Skarpnäck' },
  { name: 'Skärholmens stadsdelsnämnd', area: 'Skärholmen' },
  { name: 'Spånga-Tensta stadsdelsnämnd', area: 'Spånga-Tensta' },
  { name: 'Södermalms stadsdelsnämnd', area: 'Södermalm' },
  { name: 'Östermalms stadsdelsnämnd', area: 'Östermalm' },
];

/** Merges recorded as history: the two committees that became Hägersten-Älvsjö on 2020-07-01. */
export const DISTRICT_COMMITTEE_HISTORY = {
  successor: 'Hägersten-Älvsjö stadsdelsnämnd',
  date: '2020-07-01',
  predecessors: ['Hägersten-Liljeholmens stadsdelsnämnd', 'Älvsjö stadsdelsnämnd'],
  predecessorsFrom: '2007-01-01',
} as const;

export const SPECIALIST_COMMITTEES: readonly string[] = [
  'Arbetsmarknadsnämnden',
  'Exploateringsnämnden',
  'Fastighetsnämnden',
  'Idrottsnämnden',
  'Kulturnämnden',
  'Miljö- och hälsoskyddsnämnden',
  'Servicenämnden',
  'Socialnämnden',
  'Stadsbyggnadsnämnden',
  'Trafiknämnden',
  'Utbildningsnämnden',
  'Äldrenämnden',
];

export const COMPANIES: readonly string[] = [
  'Stockholms Stadshus AB',
  'AB Familjebostäder',
  'AB Stockholmshem',
  'AB Svenska Bostäder',
  'Stockholm Vatten och Avfall AB',
  'Stockholms Hamn AB',
  'Stokab AB',
  'Skolfastigheter i Stockholm AB (SISAB)',
];

/** Units every district committee runs (a tree two levels deep in the demo). */
export const DISTRICT_UNITS: readonly { name: string; children: readonly string[] }[] = [
  { name: 'Avdelningen för förskola', children: ['Förskoleenhet Nord', 'Förskoleenhet Syd'] },
  { name: 'Avdelningen för äldreomsorg', children: ['Hemtjänsten', 'Vård- och omsorgsboende'] },
  { name: 'Avdelningen för individ- och familjeomsorg', children: ['Barn och unga', 'Vuxenenheten'] },
  { name: 'Avdelningen för kultur och fritid', children: ['Fritidsgårdar', 'Parklekar'] },
  { name: 'Administrativa avdelningen', children: [] },
];
