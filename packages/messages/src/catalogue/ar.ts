import type { Catalogue } from './types.js';

// Arabic plurals have six forms (zero, one, two, few, many, other); `other` covers the rest.
export const ar: Catalogue = {
  title: 'أخبار أضحيتك',
  texts: {
    ORDER_PLACED:
      'تم تسجيل طلبك: {shares, plural, one {حصة واحدة} two {حصتان} few {# حصص} other {# حصة}}. سنخبرك عند استلام الدفع.',
    ORDER_PAID:
      'تم استلام دفعتك لطلبك. شكراً لك! سيتم تخصيص حصصك لأضحية قريباً.{receiptUrl, select, none {} other { الإيصال: {receiptUrl}}}',
    SHARE_ALLOCATED: 'تم تخصيص حصتك لأضحية. سنخبرك عند إتمام الذبح.',
    ANIMAL_REPLACED: 'تعذّر ذبح الحيوان المخصص لحصتك. حلّ محله حيوان سليم آخر من النوع نفسه، ولا يتغير شيء بالنسبة لك.',
    SACRIFICE_PERFORMED: 'تم ذبح أضحيتك. يجري الآن التحقق من فيديو الإثبات.',
    VIDEO_VALIDATED: 'تم التحقق من فيديو إثبات أضحيتك وقبوله. يمكنك مشاهدته الآن.',
    VIDEO_UNDER_REVIEW: 'يراجع أحد المراجعين فيديو إثبات أضحيتك. سنخبرك بالنتيجة.',
    VIDEO_APPROVED: 'وافق المراجع على فيديو إثبات أضحيتك. يمكنك مشاهدته الآن.',
    VIDEO_REJECTED: 'طلب المراجع من الجزار إعادة تسجيل فيديو إثبات أضحيتك.',
    RECEIPT_READY: 'إيصالك جاهز. يمكنك تنزيله من صفحة طلبك.',
    'meat.delivered': 'تم توصيل لحم أضحيتك إلى أسرة محتاجة.',
    SACRIFICE_ASSIGNED:
      'لديك أضحية جديدة ({species, select, SHEEP {خروف} GOAT {ماعز} COW {بقرة} CAMEL {جمل} other {حيوان}}). افتح التطبيق لترى الأسماء التي يجب ذكرها.',
    VIDEO_RETAKE_REQUESTED: 'يرجى تسجيل فيديو الإثبات مرة أخرى{reason, select, none {.} other {: {reason}}}',
    VIDEO_UPLOAD_REJECTED:
      'تعذّر استخدام ملف فيديو الإثبات{reason, select, none {.} other {: {reason}.}} يرجى تسجيله أو إرساله مرة أخرى.',
    HIDE_AT_RISK: 'يجب تمليح جلد جمعته قريبًا، وإلا فسد.',
    HIDE_SPOILED: 'تجاوز جلد جمعته موعده دون تمليح، فسُجِّل فاسدًا.',
    ROUTE_ASSIGNED:
      'لديك مسار توصيل جديد فيه {stops, plural, one {محطة واحدة} two {محطتان} few {# محطات} other {# محطة}}. افتح التطبيق للبدء.',
    FAMILY_DELIVERY_CREATED:
      'عيد مبارك! ستصلكم حصة من لحم الأضحية. أعطوا السائق هذا الرمز: {pin}. التتبع: {trackingUrl}',
    FAMILY_OUT_FOR_DELIVERY: 'لحم الأضحية في الطريق إليكم. رمز السائق: {pin}. التتبع: {trackingUrl}',
  },
};
