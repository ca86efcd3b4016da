/** Reader strings of the site structure (sub-sections of a section page), per language. */
export interface StructureLabels {
  subSections: (section: string) => string;
  /** The footer's links (menu and static pages). */
  footerNav: string;
}

export const STRUCTURE_LABELS: Record<'fr' | 'en' | 'es' | 'ar', StructureLabels> = {
  fr: { subSections: (s) => `Rubriques de ${s}`, footerNav: 'Informations' },
  en: { subSections: (s) => `${s} sections`, footerNav: 'Information' },
  es: { subSections: (s) => `Secciones de ${s}`, footerNav: 'Información' },
  ar: { subSections: (s) => `أقسام ${s}`, footerNav: 'معلومات' },
};

/** The catalogue src/render/catalogue.test.ts checks. */
export const catalogue = STRUCTURE_LABELS;

export function structureLabels(language: string): StructureLabels {
  const lang = language.toLowerCase().split('-')[0] as keyof typeof STRUCTURE_LABELS;
  return STRUCTURE_LABELS[lang] ?? STRUCTURE_LABELS.en;
}
