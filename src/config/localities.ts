/**
 * Localities compared in the north-south gap view, per local authority. Sefton's are the
 * former NHS localities (BRIEF.md); another authority adds its own here.
 */
export interface Locality {
  name: string;
  /** Ward names (2025), matched ignoring case and punctuation. */
  wards: string[];
}

export const LOCALITIES: Record<string, [Locality, Locality]> = {
  E08000014: [
    {
      name: 'Southport & Formby',
      wards: [
        'Ainsdale',
        'Birkdale',
        'Cambridge',
        "Duke's",
        'Kew',
        'Meols',
        'Norwood',
        'Harington',
        'Ravenmeols',
      ],
    },
    {
      name: 'South Sefton',
      wards: [
        'Blundellsands',
        'Church',
        'Derby',
        'Ford',
        'Linacre',
        'Litherland',
        'Manor',
        'Molyneux',
        'Netherton and Orrell',
        'Park',
        'St Oswald',
        'Sudell',
        'Victoria',
      ],
    },
  ],
};

export const normaliseName = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
