# The console's Rules page: assignment and escalation rules, and the
# inbox's escalation filter and badge.

console-nav-rules = القواعد
console-rules-title = القواعد
console-escalated-badge = مُصعَّدة
console-inbox-escalated = المُصعَّدة فقط

## Assignment

console-rules-assignment-heading = الإسناد
console-rules-assignment-intro = عند فتح تذكرة (من البوابة أو عبر API أو بالبريد الإلكتروني)، تُسندها أول قاعدة تطابقها.
console-rules-none = لا توجد قواعد بعد.
console-rules-col-name = القاعدة
console-rules-col-when = الشرط
console-rules-col-then = الإجراء
console-rules-any-ticket = أي تذكرة
console-rules-up = نقل لأعلى
console-rules-remove = حذف
console-rules-preview = معاينة
console-rules-add = إضافة قاعدة
console-rules-name = الاسم
console-rules-type = نوع التذكرة
console-rules-any-type = أي نوع
console-rules-company = مفتاح الشركة (فارغ: أي شركة)
console-rules-channel = القناة
console-rules-any-channel = أي قناة
console-rules-customer = شروط العميل، شرط واحد في كل سطر (كما في الجمهور)
console-rules-assign-to = إسناد إلى
console-rules-round-robin = أو بالتناوب بين (تُتخطّى الحسابات الموقوفة مؤقتًا)
console-rules-assign-agent = إسناد إلى { $agent }
console-rules-assign-turns = إسناد بالتناوب إلى { $agents }
console-rules-matches = من أحدث التذاكر، { $count ->
    [0] ما كانت لتطابق أي تذكرة.
    [zero] ما كانت لتطابق أي تذكرة.
    [one] كانت ستطابق تذكرة واحدة:
    [two] كانت ستطابق تذكرتين:
    [few] كانت ستطابق { $count } تذاكر:
    [many] كانت ستطابق { $count } تذكرةً:
   *[other] كانت ستطابق { $count } تذكرة:
}

## Escalation

console-rules-escalation-heading = التصعيد
console-rules-escalation-intro = يجري التحقق كل بضع ثوانٍ؛ وتُنفَّذ كل قاعدة مرة واحدة لكل تذكرة.
console-rules-trigger = متى
console-rules-no-first-reply = لا رد من موظف الدعم خلال (بالدقائق)
console-rules-customer-waiting = انتظر العميل (بالدقائق)
console-rules-minutes = الدقائق
console-rules-mark = وضع علامة «مُصعَّدة»
console-rules-reassign = إعادة الإسناد إلى
console-rules-no-reassign = لا أحد (دون تغيير)
console-rules-post-to-slack = النشر في Slack
console-rules-when-no-reply = لا رد من موظف الدعم خلال { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقةً
       *[other] { $minutes } دقيقة
    }
console-rules-when-waiting = انتظر العميل { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقةً
       *[other] { $minutes } دقيقة
    }
console-rules-then-mark = وضع علامة «مُصعَّدة»
console-rules-then-reassign = إعادة الإسناد إلى { $agent }
console-rules-then-slack = النشر في Slack
console-rules-due-now = المستحقة الآن: { $count ->
    [0] لا توجد تذكرة.
    [zero] لا توجد تذكرة.
    [one] تذكرة واحدة:
    [two] تذكرتان:
    [few] { $count } تذاكر:
    [many] { $count } تذكرةً:
   *[other] { $count } تذكرة:
}

## Results

console-rules-added = تمت إضافة القاعدة.
console-rules-removed = تم حذف القاعدة.
console-rules-moved = تم نقل القاعدة لأعلى.
console-rules-no-such = هذه القاعدة غير موجودة.
console-rules-no-agent = اختر موظف دعم، أو موظفي دعم يتناوبون.
console-rules-bad-minutes = يجب أن تكون مدة الانتظار عددًا صحيحًا من الدقائق من 1 إلى 86400.

## Business hours

console-hours-heading = ساعات العمل
console-hours-intro = لا تُحتسب في مدد انتظار التصعيد إلا هذه الساعات، بالمنطقة الزمنية لمساحة العمل. ودونها تُحتسب كل دقيقة.
console-hours-none = غير محددة: تُحتسب كل دقيقة.
console-hours-zone = المنطقة الزمنية (مثل Europe/Berlin)
console-hours-days = الأيام
console-hours-opens = وقت الفتح
console-hours-closes = وقت الإغلاق
console-hours-save = حفظ ساعات العمل
console-hours-clear = احتساب كل دقيقة
console-hours-saved = تم حفظ ساعات العمل.
console-hours-cleared = تُحتسب كل دقيقة من جديد.
console-day-mon = الاثنين
console-day-tue = الثلاثاء
console-day-wed = الأربعاء
console-day-thu = الخميس
console-day-fri = الجمعة
console-day-sat = السبت
console-day-sun = الأحد

## Why a rule was refused

console-rules-bad-name = تحتاج القاعدة إلى اسم لا يتجاوز 100 حرف.
console-rules-empty-group = اختر موظف دعم واحدًا على الأقل للإسناد بالتناوب.
console-rules-no-action = يجب أن تفعل قاعدة التصعيد شيئًا: وضع علامة «مُصعَّدة» أو إعادة الإسناد أو النشر في Slack.
console-rules-customer-filter = لا تُصفّي قاعدة التصعيد إلا حسب نوع التذكرة والشركة.
console-rules-bad-channel = يجب أن تكون القناة portal أو api أو email.
console-hours-bad-zone = { $zone } ليست منطقة زمنية: استخدم اسمًا مثل Europe/Berlin.
console-hours-bad-hours = اختر يومًا واحدًا على الأقل، واجعل وقت الفتح قبل وقت الإغلاق.
