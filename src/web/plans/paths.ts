/** Typed paths of the plan pages. */
export const planPaths = {
  list: () => '/planer',
  new: () => '/planer/ny',
  plan: (id: number) => `/planer/${id}`,
  edit: (id: number) => `/planer/${id}/rediger`,
  strategy: (id: number) => `/planer/${id}/strategi`,
  subAgreements: (id: number) => `/planer/${id}/delaftaler`,
  contingency: (id: number) => `/planer/${id}/beredskab`,
  measurements: (id: number, criterionId: number) => `/planer/${id}/maalinger/${criterionId}`,
  measurement: (id: number, criterionId: number, measurementId: number) => `/planer/${id}/maalinger/${criterionId}/${measurementId}`,
  removeMeasurement: (id: number, criterionId: number, measurementId: number) =>
    `/planer/${id}/maalinger/${criterionId}/${measurementId}/fjern`,
  editPart: (id: number, kind: string, partId: number) => `/planer/${id}/ret/${kind}/${partId}`,
  action: (id: number, action: string) => `/planer/${id}/handling/${action}`,
  remove: (id: number, kind: string, partId: number) => `/planer/${id}/fjern/${kind}/${partId}`,
  leaders: (id: number) => `/planer/${id}/projektledere`,
  removeLeader: (id: number, userId: number) => `/planer/${id}/projektledere/${userId}/fjern`,
  versions: (id: number) => `/planer/${id}/versioner`,
  version: (id: number, n: number) => `/planer/${id}/versioner/${n}`,
  pdf: (id: number) => `/planer/${id}/plan.pdf`,
  excel: (id: number) => `/planer/${id}/plan.xlsx`,
};
