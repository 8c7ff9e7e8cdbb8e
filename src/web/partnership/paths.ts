/** Typed paths of the partnership agreement's pages (/hovedaftale). */
export const partnershipPaths = {
  home: () => '/hovedaftale',
  agreement: (id: number) => `/hovedaftale/aftaler/${id}`,
  agreementStep: (id: number) => `/hovedaftale/aftaler/${id}/trin`,
  excel: (id: number) => `/hovedaftale/aftaler/${id}/maal-og-tilsagn.xlsx`,
  target: (id: number) => `/hovedaftale/maal/${id}`,
  measurement: (id: number) => `/hovedaftale/maal/${id}/maalinger`,
  editTarget: (id: number) => `/hovedaftale/maal/${id}/ret`,
  dialogues: (year?: number) => (year ? `/hovedaftale/dialoger?aar=${year}` : '/hovedaftale/dialoger'),
  newDialogue: () => '/hovedaftale/dialoger/ny',
  dialogue: (id: number) => `/hovedaftale/dialoger/${id}`,
  dialogueAction: (id: number, action: 'tilsagn' | 'opfoelgning' | 'afhold' | 'underskriv') => `/hovedaftale/dialoger/${id}/${action}`,
  dialoguePdf: (id: number) => `/hovedaftale/dialoger/${id}/aftale.pdf`,
  organisation: (id: number) => `/hovedaftale/organisationer/${id}`,
};
