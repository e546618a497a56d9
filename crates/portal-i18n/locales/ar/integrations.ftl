# The console's Integrations page: webhooks, Slack, and the rules that
# route and escalate tickets. Event type names (ticket.created, ...) are
# identifiers: they stay in English.

console-nav-integrations = التكاملات
console-integrations-title = التكاملات

## Webhooks

console-webhooks-heading = خطافات الويب
console-webhooks-intro = يُرسَل إلى كل نقطة نهاية طلب JSON موقّع عندما تتغير تذكرة أو رسالة أو عميل. راجع التوثيق لمعرفة كيفية التحقق من التوقيع.
console-webhooks-none = لا توجد نقاط نهاية بعد.
console-webhooks-col-url = الرابط
console-webhooks-col-events = الأحداث
console-webhooks-col-state = الحالة
console-webhooks-enabled = مفعّل
console-webhooks-failing = يفشل منذ { $since }
console-webhooks-disabled = معطّل: { $reason }
console-webhooks-disabled-alert = عُطّل خطاف الويب إلى { $url }: { $reason }. فعّله مجددًا حين تعمل نقطة النهاية؛ وعندها تُرسَل عمليات التسليم المنتظرة.
console-webhooks-log = عمليات التسليم
console-webhooks-enable = تفعيل
console-webhooks-disable = تعطيل
console-webhooks-rotate = سر جديد
console-webhooks-remove = حذف
console-webhooks-add-heading = إضافة نقطة نهاية
console-webhooks-url = الرابط (https://)
console-webhooks-events = الأحداث
console-webhooks-event-ticket-created = فُتحت تذكرة
console-webhooks-event-ticket-updated = تغيّرت حالة تذكرة أو المشاركون فيها
console-webhooks-event-message-created = كُتبت رسالة
console-webhooks-event-customer-created = ظهر عميل لأول مرة
console-webhooks-include-notes = إرسال الملاحظات الداخلية لموظفي الدعم أيضًا
console-webhooks-add = إضافة نقطة النهاية
console-webhooks-added = تمت الإضافة. سرّها، ولا يُعرض إلا الآن: { $secret }
console-webhooks-rotated = لم يعد السر القديم يوقّع أي شيء. السر الجديد، ولا يُعرض إلا الآن: { $secret }
console-webhooks-now-enabled = تم التفعيل. تُرسَل عمليات التسليم المنتظرة الآن.
console-webhooks-now-disabled = تم التعطيل. لا يُسجَّل لها شيء حتى تُفعَّل مجددًا.
console-webhooks-removed = تم الحذف، مع سجل عمليات التسليم الخاص بها.
console-webhooks-no-such = نقطة النهاية هذه غير موجودة.
console-webhooks-bad-url = يجب أن يكون الرابط عنوان https:// دون اسم مستخدم، وألا يتجاوز 2000 حرف.
console-webhooks-private-url = يقع الرابط في شبكة خاصة أو شبكة استرجاع أو شبكة محلية الارتباط، ولا يرسل هذا الخادم إليها.
console-webhooks-no-events = اختر حدثًا واحدًا على الأقل.
console-webhooks-back = → التكاملات
console-webhooks-log-title = عمليات التسليم إلى { $url }
console-webhooks-log-none = لم يُرسَل شيء إلى نقطة النهاية هذه بعد.
console-webhooks-col-event = الحدث
console-webhooks-col-ticket = التذكرة
console-webhooks-col-when = الوقت
console-webhooks-col-attempts = المحاولات
console-webhooks-col-answer = الاستجابة
console-webhooks-state-pending = قيد الانتظار
console-webhooks-state-delivered = تم التسليم
console-webhooks-state-failed = فشل
console-webhooks-redeliver = إعادة الإرسال
console-webhooks-redelivered = سيُعاد إرساله خلال ثوانٍ، بمعرّف الحدث نفسه.
