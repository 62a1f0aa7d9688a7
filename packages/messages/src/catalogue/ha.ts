import type { Catalogue } from './types.js';

// The families' texts leave out the hooked letters (ɓ ɗ ƙ ƴ), as Hausa SMS usually do: they stay
// in the GSM 7-bit alphabet. A noun after a number stays singular in Hausa ("kashi biyu").
export const ha: Catalogue = {
  title: 'Labarin layya',
  texts: {
    ORDER_PLACED:
      'An karɓi odarka ta {shares, plural, one {kashi #} other {kashi #}}. Za mu sanar da kai idan an biya.',
    ORDER_PAID: 'An karɓi kuɗin odarka. Mun gode! Nan ba da jimawa ba za a ware kasonka ga dabba.',
    SHARE_ALLOCATED: 'An ware kasonka ga dabba. Za mu sanar da kai idan an yi layya.',
    ANIMAL_REPLACED:
      'Ba a iya yanka dabbar da aka zaɓa don kasonka ba. Wata lafiyayyar dabba irinta ta maye gurbinta; babu abin da ya canza maka.',
    SACRIFICE_PERFORMED: 'An yi layyarka. Ana duba bidiyon shaidarta.',
    VIDEO_VALIDATED: 'An duba bidiyon shaidar layyarka kuma an amince da shi. Kana iya kallonsa yanzu.',
    VIDEO_UNDER_REVIEW: 'Wani mai bincike yana duba bidiyon shaidar layyarka. Za mu sanar da kai sakamakon.',
    VIDEO_APPROVED: 'Mai bincike ya amince da bidiyon shaidar layyarka. Kana iya kallonsa yanzu.',
    VIDEO_REJECTED: 'Mai bincike ya umurci mahauci ya sake ɗaukar bidiyon shaidar layyarka.',
    RECEIPT_READY: 'Rasitinka ya shirya. Kana iya sauke shi daga odarka.',
    'meat.delivered': 'An kai naman layyarka ga wani iyali mabukaci.',
    SACRIFICE_ASSIGNED:
      'Kana da sabuwar layya da za ka yi ({species, select, SHEEP {tunkiya} GOAT {akuya} COW {saniya} CAMEL {raƙumi} other {dabba}}). Buɗe manhajar don ganin sunayen da za ka faɗa.',
    VIDEO_RETAKE_REQUESTED: 'Don Allah ka sake ɗaukar bidiyon shaida{reason, select, none {.} other {: {reason}}}',
    VIDEO_UPLOAD_REJECTED:
      'Ba a iya amfani da fayil ɗin bidiyon shaida ba{reason, select, none {.} other {: {reason}.}} Don Allah ka sake ɗauka ko ka aika shi.',
    HIDE_AT_RISK: 'Fatar da kuka tattara tana buƙatar gishiri nan ba da daɗewa ba, ko ta lalace.',
    HIDE_SPOILED: 'Fatar da kuka tattara ba a sa mata gishiri a kan lokaci ba, an rubuta ta a matsayin lalatacciya.',
    ROUTE_ASSIGNED:
      'Kana da sabuwar hanyar kai kaya mai {stops, plural, one {tasha #} other {tasha #}}. Buɗe manhajar don farawa.',
    FAMILY_DELIVERY_CREATED:
      'Barka da Sallah! Naman layya na zuwa gare ku. Ku ba direba wannan lamba: {pin}. Bibiya: {trackingUrl}',
    FAMILY_OUT_FOR_DELIVERY: 'Naman layyarku yana kan hanya. Lambar direba: {pin}. Bibiya: {trackingUrl}',
  },
};
