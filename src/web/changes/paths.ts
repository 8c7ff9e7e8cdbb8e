/** Where the change-request pages live. */
export const changePaths = {
  all: () => '/aendringer',
  notices: () => '/aendringer/orienteringer',
  note: (id: number) => `/aendringer/orienteringer/${id}/noteret`,
  ofPlan: (planId: number) => `/planer/${planId}/aendringer`,
  propose: (planId: number) => `/planer/${planId}/aendringer/ny`,
  request: (planId: number, id: number) => `/planer/${planId}/aendringer/${id}`,
  action: (planId: number, id: number, action: string) => `/planer/${planId}/aendringer/${id}/${action}`,
};
