/**
 * Surrogate keys of the TV pages (src/cdn/keys.ts says what keys are). Kept
 * here, beside the pages that carry them: the live page and the schedule days
 * of an edition carry `tvKey.schedule`, a show's page `tvKey.show`.
 */
export const tvKey = {
  /** The live page and every schedule day of an edition: any programme or channel change there. */
  schedule: (edition: string) => `tv-${edition}`,
  /** One show's page. */
  show: (id: number) => `sh${id}`,
};
