import { LICENCE } from '../raw_catalogue.ts';

export const DOMAINS = [
  { key: 'income', label: 'Income' },
  { key: 'employment', label: 'Employment' },
  { key: 'education', label: 'Education, Skills and Training' },
  { key: 'health', label: 'Health Deprivation and Disability' },
  { key: 'crime', label: 'Crime' },
  { key: 'barriers', label: 'Barriers to Housing and Services' },
  { key: 'living_env', label: 'Living Environment' },
] as const;

export const IOD2019 = {
  source: 'MHCLG English Indices of Deprivation 2019',
  period: 'IoD 2019 (most indicators 2015/16)',
  vintage: 'LSOA 2011',
  licence: LICENCE.ogl,
  nLsoas: '32,844',
};

export const IOD2025 = {
  source: 'MHCLG English Indices of Deprivation 2025',
  period: 'IoD 2025 (published 30 October 2025)',
  vintage: 'LSOA 2021',
  licence: LICENCE.ogl,
  nLsoas: '33,755',
};

export const RANK_NOTE = (n: string) => `Rank among all ${n} LSOAs in England; 1 = most deprived.`;
export const DECILE_NOTE =
  'National decile: 1 = most deprived 10% of LSOAs in England, 10 = least deprived.';
