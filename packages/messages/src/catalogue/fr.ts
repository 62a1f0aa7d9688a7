import type { Catalogue } from './types.js';

// The families' texts avoid ï, ê, ô and ç: they stay in the GSM 7-bit alphabet (160 characters an SMS).
export const fr: Catalogue = {
  title: 'Nouvelles de votre sacrifice',
  texts: {
    ORDER_PLACED:
      'Votre commande de {shares, plural, one {# part} other {# parts}} est enregistrée. Nous vous préviendrons dès réception du paiement.',
    ORDER_PAID: 'Paiement reçu pour votre commande. Merci ! Vos parts seront bientôt attribuées à un animal.',
    SHARE_ALLOCATED: 'Votre part est attribuée à un animal. Nous vous préviendrons quand le sacrifice sera accompli.',
    ANIMAL_REPLACED:
      "L'animal choisi pour votre part ne pouvait pas être sacrifié. Un autre animal sain de la même espèce le remplace ; rien ne change pour vous.",
    SACRIFICE_PERFORMED: 'Votre sacrifice a été accompli. Sa vidéo de preuve est en cours de vérification.',
    VIDEO_VALIDATED:
      'La vidéo de preuve de votre sacrifice a été vérifiée et validée. Vous pouvez la regarder maintenant.',
    VIDEO_UNDER_REVIEW:
      'La vidéo de preuve de votre sacrifice est examinée par un vérificateur. Nous vous informerons du résultat.',
    VIDEO_APPROVED:
      'Un vérificateur a approuvé la vidéo de preuve de votre sacrifice. Vous pouvez la regarder maintenant.',
    VIDEO_REJECTED:
      'Un vérificateur a demandé au sacrificateur de filmer à nouveau la vidéo de preuve de votre sacrifice.',
    RECEIPT_READY: 'Votre reçu est prêt. Vous pouvez le télécharger depuis votre commande.',
    'meat.delivered': 'La viande de votre sacrifice a été remise à une famille dans le besoin.',
    SACRIFICE_ASSIGNED:
      "Un nouveau sacrifice vous est attribué ({species, select, SHEEP {mouton} GOAT {chèvre} COW {vache} CAMEL {chameau} other {animal}}). Ouvrez l'application pour voir les noms à prononcer.",
    VIDEO_RETAKE_REQUESTED:
      'Veuillez filmer à nouveau la vidéo de preuve{reason, select, none {.} other { : {reason}}}',
    VIDEO_UPLOAD_REJECTED:
      "Le fichier de la vidéo de preuve est inutilisable{reason, select, none {.} other { : {reason}.}} Veuillez la filmer ou l'envoyer à nouveau.",
    HIDE_AT_RISK: 'Une peau que vous avez collectée doit être salée bientôt, sinon elle se gâtera.',
    HIDE_SPOILED: 'Une peau que vous avez collectée n’a pas été salée à temps et a été déclarée gâtée.',
    ROUTE_ASSIGNED:
      "Une nouvelle tournée de livraison vous est attribuée : {stops, plural, one {# arrêt} other {# arrêts}}. Ouvrez l'application pour commencer.",
    FAMILY_DELIVERY_CREATED:
      'Un colis de viande du sacrifice va arriver chez vous. Donnez ce code au livreur : {pin}. Suivi : {trackingUrl}',
    FAMILY_OUT_FOR_DELIVERY:
      'Votre colis de viande du sacrifice est en route. Code pour le livreur : {pin}. Suivi : {trackingUrl}',
  },
};
