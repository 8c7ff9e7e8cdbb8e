/** Where the yearly-report pages live. */
export const reportPaths = {
  overview: () => '/rapporter',
  deadlines: () => '/rapporter/frister',
  ofPlan: (planId: number) => `/planer/${planId}/rapporter`,
  report: (planId: number, year: number) => `/planer/${planId}/rapporter/${year}`,
  action: (planId: number, year: number, action: string) => `/planer/${planId}/rapporter/${year}/${action}`,
  pdf: (planId: number, year: number, revision?: number) =>
    `/planer/${planId}/rapporter/${year}/rapport.pdf${revision ? `?revision=${revision}` : ''}`,
  excel: (planId: number, year: number) => `/planer/${planId}/rapporter/${year}/rapport.xlsx`,
};
