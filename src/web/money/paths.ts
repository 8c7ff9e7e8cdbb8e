/** Typed paths of the money pages. */
export const moneyPaths = {
  plan: (id: number) => `/planer/${id}/oekonomi`,
  budget: (id: number) => `/planer/${id}/oekonomi/budget`,
  accounts: (id: number) => `/planer/${id}/oekonomi/regnskab`,
  deleteEntry: (id: number, entryId: number) => `/planer/${id}/oekonomi/regnskab/${entryId}/slet`,
  import: (id: number) => `/planer/${id}/oekonomi/import`,
  importOne: (id: number, importId: number) => `/planer/${id}/oekonomi/import/${importId}`,
  importStatus: (id: number, importId: number) => `/planer/${id}/oekonomi/import/${importId}/status`,
  importDiscard: (id: number, importId: number) => `/planer/${id}/oekonomi/import/${importId}/kasser`,
  templateCsv: (id: number) => `/planer/${id}/oekonomi/skabelon.csv`,
  templateXlsx: (id: number) => `/planer/${id}/oekonomi/skabelon.xlsx`,
  planXlsx: (id: number) => `/planer/${id}/oekonomi/oekonomi.xlsx`,
  overview: (districtId?: number | null) => (districtId ? `/oekonomi?bydel=${districtId}` : '/oekonomi'),
  overviewXlsx: (districtId?: number | null) => (districtId ? `/oekonomi/oversigt.xlsx?bydel=${districtId}` : '/oekonomi/oversigt.xlsx'),
  pool: () => '/pulje',
  poolEntry: (kind: 'indskud' | 'tildeling' | 'frigivelse') => `/pulje/${kind}`,
  poolXlsx: () => '/pulje/pulje.xlsx',
};
