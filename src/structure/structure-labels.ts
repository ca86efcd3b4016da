/** Reader strings of the site structure (sub-sections of a section page), per language. */
export interface StructureLabels {
  subSections: (section: string) => string;
}

export const STRUCTURE_LABELS: Record<'fr' | 'en' | 'es' | 'ar', StructureLabels> = {
  fr: { subSections: (s) => `Rubriques de ${s}` },
  en: { subSections: (s) => `${s} sections` },
  es: { subSections: (s) => `Secciones de ${s}` },
  ar: { subSections: (s) => `أقسام ${s}` },
};

export function structureLabels(language: string): StructureLabels {
  const lang = language.toLowerCase().split('-')[0] as keyof typeof STRUCTURE_LABELS;
  return STRUCTURE_LABELS[lang] ?? STRUCTURE_LABELS.en;
}
