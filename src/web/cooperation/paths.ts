/** Typed paths of the cooperation contracts' pages (/kontrakter). */
export const cooperationPaths = {
  list: () => '/kontrakter',
  create: () => '/kontrakter/ny',
  contract: (id: number) => `/kontrakter/${id}`,
  pdf: (id: number) => `/kontrakter/${id}/kontrakt.pdf`,
  newGoal: (id: number) => `/kontrakter/${id}/maal/ny`,
  goal: (id: number, goalId: number) => `/kontrakter/${id}/maal/${goalId}`,
  link: (id: number, goalId: number) => `/kontrakter/${id}/maal/${goalId}/aktiviteter`,
};
