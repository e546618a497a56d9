# What customers read: the frame (and the standalone portal and e-mails as
# they come). Arguments: $n is a number already written in the language's
# digits; $count the same number, for choosing a plural form.

## The frame around the pages

page-title = الدعم
frame-loading = جارٍ التحميل…
frame-waiting = يُرجى تسجيل الدخول في الموقع لعرض تذاكرك.
frame-not-embedded = تُفتح بوابة الدعم هذه داخل الموقع الإلكتروني للشركة.
frame-verifying = جارٍ التحقق من هويتك…
frame-signed-out = تم تسجيل خروجك.
frame-signed-in-as = تم تسجيل الدخول باسم
frame-no-page = هذه الصفحة غير موجودة.

## The ticket list

list-tab-all = الكل
list-tab-mine = التي أنشأتُها
new-ticket = تذكرة جديدة
list-search = البحث في التذاكر
list-search-button = بحث
list-sort = الترتيب
list-filters = عوامل التصفية
list-any = الكل
list-created-by = أنشأها
list-email = البريد الإلكتروني
list-apply = تطبيق
list-range-created = تاريخ الإنشاء
list-range-created-from = تاريخ الإنشاء من
list-range-created-to = تاريخ الإنشاء إلى
list-range-updated = تاريخ التحديث
list-range-updated-from = تاريخ التحديث من
list-range-updated-to = تاريخ التحديث إلى
list-range-to = إلى
list-clear = مسح البحث وعوامل التصفية
list-no-more = لا توجد تذاكر أخرى.
list-no-match = لا توجد تذاكر مطابقة.
list-none-yet = ليست لديك أي تذاكر بعد.
list-preview = معاينة
list-first-page = → الصفحة الأولى
list-next-page = الصفحة التالية ←
list-tabs-label = التذاكر المعروضة
list-pages-label = الصفحات

sort-relevance = الأكثر تطابقًا
sort-updated-descending = آخر تحديث، الأحدث أولًا
sort-updated-ascending = آخر تحديث، الأقدم أولًا
sort-created-descending = تاريخ الإنشاء، الأحدث أولًا
sort-created-ascending = تاريخ الإنشاء، الأقدم أولًا
sort-number-descending = الرقم، الأعلى أولًا
sort-number-ascending = الرقم، الأدنى أولًا
sort-type-ascending = النوع، تصاعديًا
sort-type-descending = النوع، تنازليًا
sort-state-ascending = الحالة، المفتوحة أولًا
sort-state-descending = الحالة، المغلقة أولًا

## A ticket

ticket-number = الرقم
ticket-title = العنوان
ticket-type = النوع
ticket-state = الحالة
ticket-channel = القناة
ticket-created = تاريخ الإنشاء
ticket-updated = آخر تحديث
status-open = مفتوحة
status-in_progress = قيد المعالجة
status-on_hold = معلّقة
status-closed = مغلقة
author-customer = العميل
author-agent = الدعم
back-to-list = → كل التذاكر

## Replying and opening tickets

reply-label = الرد
reply-send = إرسال
reply-sending = جارٍ الإرسال…
reply-sent = تم الإرسال
reply-not-sent = لم يُرسَل
reply-retry = إعادة المحاولة
reply-closed = هذه التذكرة مغلقة. لطرح سؤال جديد،
reply-closed-open-new = يُرجى فتح تذكرة جديدة.
reply-closed-reopens = هذه التذكرة مغلقة. سيؤدي الرد عليها إلى إعادة فتحها.
reply-reopen = إعادة الفتح
new-ticket-description = كيف يمكننا مساعدتك؟
new-ticket-create = إنشاء التذكرة

## Files

files-attach = إرفاق ملفات
files-hint = { $count ->
        [one] ملف واحد، حجمه { $size } كحد أقصى: { $kinds }
        [two] حتى ملفين، حجم كل منهما { $size } كحد أقصى: { $kinds }
        [few] حتى { $count } ملفات، حجم كل منها { $size } كحد أقصى: { $kinds }
        [many] حتى { $count } ملفًا، حجم كل منها { $size } كحد أقصى: { $kinds }
       *[other] حتى { $count } ملف، حجم كل منها { $size } كحد أقصى: { $kinds }
    }
files-remove = إزالة
files-uploading = { $name } — جارٍ الرفع…

## What screen readers hear when a page changes by itself

live-new-message = رسالة جديدة من { $name }
live-ticket-changed = تم تحديث هذه التذكرة.
live-list-changed = تم تحديث تذاكرك.

## Times and sizes

time-now = منذ لحظات
time-now-short = الآن
time-minutes-ago = قبل { $n } د
time-hours-ago = قبل { $n } س
time-days-ago = قبل { $n } ي
time-minutes-short = { $n } د
time-hours-short = { $n } س
time-days-short = { $n } ي
time-utc = { $time } UTC
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## What went wrong, as the frame says it

error-not-verified = تعذّر التحقق من هويتك. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-malformed = أرسل الموقع رمز تسجيل دخول ليس JWT صالحًا. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-algorithm = يجب أن يكون رمز تسجيل الدخول من الموقع موقّعًا بـ HS256. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-claim = يفتقد رمز تسجيل الدخول من الموقع مطالبة «{ $name }» صالحة. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-audience = رمز تسجيل الدخول هذا مخصّص لبوابة دعم أخرى. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-future = تاريخ رمز تسجيل الدخول هذا في المستقبل؛ قد تكون ساعة الموقع غير مضبوطة. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-too-long = رمز تسجيل الدخول هذا صالح لأكثر من 10 دقائق، وهذا ما لا تقبله بوابة الدعم هذه. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-expired = انتهت صلاحية رمز تسجيل الدخول. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-replayed = سبق استخدام رمز تسجيل الدخول هذا. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-token-required = لا تقبل بوابة الدعم هذه إلا رموز تسجيل دخول موقّعة (JWT). يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-session-ended = انتهت جلستك. يُرجى تسجيل الدخول مرة أخرى في الموقع.
error-unknown-workspace = بوابة الدعم هذه غير موجودة.
error-not-enabled = بوابة الدعم هذه غير مفعّلة بعد.
error-not-found = هذه التذكرة غير موجودة.
error-page-not-found = هذه الصفحة غير موجودة.
error-ticket-closed = هذه التذكرة مغلقة، ولا يمكن إعادة فتح التذاكر المغلقة من هنا. يُرجى فتح تذكرة جديدة.
error-key-reused = سبق إرسال هذا الرد بنص مختلف. أعد تحميل الصفحة لعرضه، أو أرسله مرة أخرى كرد جديد.
error-origin-not-allowed = هذا الموقع غير مسموح له بعرض بوابة الدعم.
error-no-access = ليس لديك حق الوصول إلى بوابة الدعم هذه. إذا كنت تعتقد أنه يجب أن يكون لديك حق الوصول، فيُرجى التواصل مع الشركة.
error-rate-limited = أنت ترسل بمعدل أسرع مما تسمح به بوابة الدعم هذه. يُرجى المحاولة مرة أخرى بعد { $seconds ->
        [zero] لحظات
        [one] ثانية واحدة
        [two] ثانيتين
        [few] { $seconds } ثوانٍ
        [many] { $seconds } ثانية
       *[other] { $seconds } ثانية
    }.
error-storage-full = لا توجد مساحة في بوابة الدعم هذه لمزيد من الملفات. يُرجى إرسال رسالتك بدون ملفات، أو التواصل مع الشركة.
error-unavailable = بوابة الدعم غير متاحة مؤقتًا. يُرجى المحاولة مرة أخرى بعد قليل.
error-internal = حدث خطأ من جانبنا. يُرجى المحاولة مرة أخرى.
error-network = تعذّر الوصول إلى بوابة الدعم. تحقّق من اتصالك وحاول مرة أخرى.
error-malformed = صيغة الطلب غير صحيحة.

## Which company a new ticket is for

new-ticket-company = الشركة
new-ticket-choose-company = اختر الشركة التي تخصها هذه التذكرة.

## The customer's account and the standalone portal

error-code-used = انتهت صلاحية رابط تسجيل الدخول هذا أو سبق استخدامه. افتح البوابة مرة أخرى من الموقع.
frame-open-new-tab = فتح في علامة تبويب جديدة
frame-sign-out = تسجيل الخروج
account-signed-out-everywhere = تم تسجيل خروجك من كل مكان.
account-link = حسابك
account-title = حسابك
account-sessions = أماكن تسجيل دخولك
account-when = الوقت
account-where = المكان
account-origin = الموقع
account-browser = المتصفح
account-state = الحالة
account-event = الحدث
account-session-live = مسجّل الدخول
account-session-ended = منتهية
account-embedded = على موقع الشركة
account-standalone = بوابة الدعم
account-sign-out-everywhere = تسجيل الخروج من كل مكان
account-data = بياناتك
account-data-hint = ملفك الشخصي، والتذاكر التي فتحتها مع رسائلها العامة، وقائمة ملفاتها.
account-download-json = تنزيل بياناتي (JSON)
account-download-files = تنزيل بياناتي مع الملفات (zip)
account-log = سجل الوصول
account-event-signed-in = تسجيل دخول
account-event-refused = رُفض تسجيل الدخول
account-event-exported = تنزيل البيانات
account-event-signed-out-everywhere = تسجيل الخروج من كل مكان
standalone-sign-in-from-site = لعرض تذاكرك، سجّل الدخول في موقع الشركة وافتح بوابة الدعم من هناك.
standalone-sign-in-again = سجّل الدخول مرة أخرى
standalone-cross-site = لم يأتِ هذا الطلب من صفحات بوابة الدعم، لذا لم يُنفَّذ شيء.

## Email to customers

mail-reply-subject = رد جديد على تذكرتك رقم { $number }: { $title }
mail-reply-intro = ردّ { $author } على تذكرتك رقم { $number }:
mail-reply-open = فتح التذكرة
mail-reply-footer = تصلك هذه الرسالة لأن لديك تذكرة دعم لدى { $workspace }.
mail-unsubscribe = إلغاء الاشتراك
mail-unsubscribe-ask = هل تريد إيقاف الرسائل عند الرد على تذاكرك؟ يمكنك إعادة تشغيلها من حسابك.
mail-unsubscribed = تم: لن تصلك رسائل بعد الآن عن الردود على تذاكرك.
mail-unsubscribe-unknown = رابط إلغاء الاشتراك هذا غير صالح.
account-email = البريد الإلكتروني
account-email-on = تصلك رسالة عندما يرد أحد على تذاكرك.
account-email-off = لا تصلك رسائل عندما يرد أحد على تذاكرك.
account-email-turn-off = إيقاف البريد
account-email-turn-on = تشغيل البريد

# Email sign-in (standalone portal)
email-sign-in-intro = أدخل عنوان بريدك الإلكتروني وسنرسل إليك رمزًا لتسجيل الدخول.
email-sign-in-email = عنوان البريد الإلكتروني
email-sign-in-send = أرسل لي رمزًا
email-sign-in-sent = إذا كان { $email } مسموحًا له باستخدام هذه البوابة، فالرمز في طريقه إليه. يعمل مرة واحدة لمدة 15 دقيقة.
email-sign-in-code = الرمز الوارد في البريد
email-sign-in-submit = تسجيل الدخول
email-sign-in-wrong = هذا الرمز غير صحيح أو انتهت صلاحيته. راجع أحدث رسالة، أو اطلب رمزًا جديدًا.
email-sign-in-new-code = أرسل رمزًا جديدًا
email-sign-in-site = سجّل الدخول من موقع الشركة بدلًا من ذلك
email-sign-in-link-used = رابط تسجيل الدخول هذا استُخدم من قبل أو انتهت صلاحيته. اطلب رمزًا جديدًا.
email-sign-in-bad-email = هذا ليس عنوان بريد إلكتروني.
email-sign-in-wait = طُلبت رموز كثيرة جدًا. حاول مرة أخرى بعد بضع دقائق.
mail-sign-in-subject = رمز تسجيل الدخول إلى { $workspace }
mail-sign-in-intro = اكتب هذا الرمز في صفحة تسجيل الدخول. يعمل مرة واحدة لمدة 15 دقيقة:
mail-sign-in-open = أو سجّل الدخول بهذا الرابط
mail-sign-in-ignore = إذا لم تطلب تسجيل الدخول، فتجاهل هذه الرسالة.
