/** The flow roles, apart from how they are found, so the browser can use them without the classifier. */
export const FLOW_ROLES = ['private', 'untrusted', 'sink', 'destroys'] as const;
export type FlowRole = (typeof FLOW_ROLES)[number];

export const FLOW_ROLE_LABELS: Record<FlowRole, string> = {
  private: 'Reads private data',
  untrusted: 'Takes in untrusted content',
  sink: 'Sends outside',
  destroys: 'Deletes or overwrites',
};
