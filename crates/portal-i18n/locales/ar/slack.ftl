# Slack: what the portal posts in a workspace's channel (in the
# workspace's default language), and the console's Slack section. Slack's
# own words (Bot User OAuth Token, Signing Secret, Event Subscriptions,
# Interactivity) are the names Slack's app settings show: keep them as
# Slack's pages in that language do.

## Posts in the channel

slack-post-new-ticket = تذكرة جديدة رقم { $number }: { $title }
slack-post-from = من { $customer }
slack-post-company = الشركة: { $company }
slack-post-type = النوع: { $type }
slack-post-close = إغلاق
slack-post-assign-me = إسنادها إليّ
slack-post-customer-wrote = كتب { $customer }:
slack-post-status = الحالة: { $status }
slack-post-escalated = تم التصعيد: { $reason }
slack-post-test = رسالة اختبار من بوابة العملاء: تُنشر التذاكر الجديدة في هذه القناة.

## The console's Slack section

console-slack-heading = Slack
console-slack-intro = تُنشر تذاكر البوابة الجديدة في قناة؛ ويرد موظفو الدعم في سلسلة رسائل التذكرة. أنشئ تطبيق Slack بنطاقات البوت chat:write وchannels:read وgroups:read وusers:read.email، ثم ثبّته وادعُه إلى القناة.
console-slack-token = Bot User OAuth Token (xoxb-…)
console-slack-signing-secret = Signing Secret
console-slack-connect = ربط Slack
console-slack-connected = Slack متصل. اختر القناة التي تُنشر فيها التذاكر الجديدة.
console-slack-urls = في إعدادات التطبيق، اضبط Event Subscriptions (أحداث البوت message.channels وmessage.groups) على { $events } وInteractivity على { $interactions }.
console-slack-channel = القناة
console-slack-no-channel = لم تُختر أي قناة: لا يُنشر شيء بعد.
console-slack-channels-failed = تعذّرت قراءة قائمة قنوات Slack: { $error }
console-slack-note-prefix = الرد في سلسلة الرسائل الذي يبدأ بهذا ملاحظة داخلية
console-slack-save = حفظ
console-slack-saved = تم الحفظ.
console-slack-test = إرسال رسالة اختبار
console-slack-test-sent = نُشرت رسالة الاختبار.
console-slack-test-failed = رفض Slack رسالة الاختبار: { $error }
console-slack-disconnect = فصل Slack
console-slack-disconnected = فُصل Slack؛ وأُلغيت المنشورات المنتظرة.
console-slack-bad-token = يجب أن يبدأ رمز البوت بـ xoxb- وألا يحتوي على مسافات.
console-slack-bad-secret = يجب أن يتكون Signing Secret من الأحرف السداسية العشرية الـ32 التي يعرضها Slack.
console-slack-bad-channel = اختر إحدى قنوات البوت.
console-slack-bad-prefix = يجب أن يتراوح طول بادئة الملاحظة بين 1 و20 حرفًا، دون مسافات.
console-slack-not-connected = Slack غير متصل.
console-slack-member-id = معرّف العضو الخاص بك في Slack (في Slack: ملفك الشخصي، ⋮، Copy member ID)
console-slack-member-linked = تُنشر ردودك في سلاسل رسائل Slack باسمك.
console-slack-member-bad = معرّف العضو في Slack هو الحرف U أو W متبوعًا بأحرف وأرقام.
