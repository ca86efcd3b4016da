import { pick } from './lang.ts';

/** The words of the focal point picker in the media library's picture editor, in French and English. */
const fr = {
  legend: 'Point focal',
  hint: 'Cliquez sur l’image à l’endroit à garder en vue quand le site la recadre, ou placez le repère avec les flèches du clavier (Maj + flèche : par grands pas). Les pages du site l’arrondissent au quart le plus proche.',
  marker: (x: number, y: number) => `Point focal : ${x} % depuis la gauche, ${y} % depuis le haut`,
  centre: 'Point focal au centre (par défaut)',
  reset: 'Revenir au centre',
  previews: 'Aperçu des recadrages',
  wide: 'Carte 16:9',
  square: 'Carré 1:1',
  moved: (x: number, y: number) => `Point focal placé à ${x} % depuis la gauche, ${y} % depuis le haut.`,
  wasReset: 'Point focal ramené au centre.',
};

const en: typeof fr = {
  legend: 'Focal point',
  hint: 'Click the picture where it should stay in view when the site crops it, or move the marker with the arrow keys (Shift + arrow: larger steps). The site’s pages round it to the nearest quarter.',
  marker: (x: number, y: number) => `Focal point: ${x}% from the left, ${y}% from the top`,
  centre: 'Focal point at the centre (default)',
  reset: 'Back to the centre',
  previews: 'Crop previews',
  wide: '16:9 card',
  square: '1:1 square',
  moved: (x: number, y: number) => `Focal point set ${x}% from the left, ${y}% from the top.`,
  wasReset: 'Focal point back at the centre.',
};

export const focalWords = { fr, en };

export function focalT(): typeof fr {
  return pick(focalWords);
}
