# What agents and admins read: the console. A reason ($reason, and the
# messages that say why something was refused) is a clause that follows a
# lead such as "Nothing was changed:" and ends with its own full stop.
# Arguments: $count and $minutes are numbers (they choose plural forms);
# $n, $matching, $customers and $percent are numbers already written in the
# language's digits.

## The frame of every page

console-brand = وحدة تحكم الدعم
console-page-title = { $page } · وحدة تحكم الدعم
console-nav-inbox = صندوق الوارد
console-nav-customers = العملاء
console-nav-companies = الشركات
console-nav-settings = إعدادات البوابة
console-nav-embed = رمز التضمين
console-nav-accounts = الحسابات
console-nav-your-account = حسابك
console-nav-who = { $name } ({ $role })
console-sign-out = تسجيل الخروج
console-role-admin = مسؤول
console-role-agent = موظف دعم
console-problem-title = غير ممكن
console-save = حفظ
console-saved = تم الحفظ.
console-next-page = الصفحة التالية
console-nobody = لا أحد
console-none = لا شيء
console-list-and = { $first } و{ $second }

## Words shared by tables and forms

console-col-title = العنوان
console-col-state = الحالة
console-col-type = النوع
console-col-customer = العميل
console-col-company = الشركة
console-col-assignee = المسؤول عنها
console-col-updated = آخر تحديث
console-col-email = البريد الإلكتروني
console-col-name = الاسم
console-col-companies = الشركات
console-col-tickets = التذاكر
console-col-access = الوصول
console-col-key = المفتاح
console-col-members = الأعضاء
console-col-role = الدور
console-col-since = منذ

## Leads before a reason

console-nothing-changed = لم يتغير شيء: { $reason }
console-nothing-sent = لم يُرسَل شيء: { $reason }
console-nothing-to-open = لا يوجد ما يُفتح: { $reason }
console-inbox-refused = لا يمكن عرض هذه القائمة: { $reason }

## Signing in

console-sign-in = تسجيل الدخول
console-login-workspace = مساحة العمل
console-login-email = البريد الإلكتروني
console-login-password = كلمة المرور
console-sign-in-wrong = مساحة العمل أو البريد الإلكتروني أو كلمة المرور غير صحيحة.
console-sign-in-paused = هذا الحساب موقوف مؤقتًا؛ يمكن لمسؤول مساحة العمل استئنافه.
console-sign-in-held = محاولات تسجيل دخول فاشلة كثيرة من هنا. حاول مرة أخرى بعد { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
       *[other] { $minutes } دقيقة
    }.
console-busy = يجري التحقق من كلمات مرور كثيرة الآن. يُرجى المحاولة مرة أخرى بعد بضع ثوانٍ.
console-unavailable = وحدة التحكم غير متاحة مؤقتًا.
console-cross-site = يجب إرسال هذا النموذج من صفحات وحدة التحكم نفسها.
console-admins-only = لا يمكن فتح هذه الصفحة إلا للمسؤولين.

## What the store refused or could not do

console-store-no-company = لا توجد شركة بالمفتاح { $key }.
console-store-key-reused = أُرسلت هذه الرسالة من قبل بنص آخر.
console-store-ticket-closed = التذكرة مغلقة.
console-store-not-found = غير موجود.
console-store-unavailable = قاعدة البيانات غير متاحة الآن؛ لم يتغير شيء.
console-store-failed = حدث خطأ في الخادم (يذكر سجله السبب)؛ لم يتغير شيء.
console-workspace-gone = لم تعد مساحة العمل هذه موجودة.
console-no-such-action = لا يوجد إجراء باسم «{ $action }».

## The inbox

console-inbox-title = صندوق الوارد
console-inbox-search = البحث في التذاكر
console-inbox-any-state = أي حالة
console-inbox-any-type = أي نوع
console-inbox-anyone = أي شخص
console-inbox-me = أنا
console-inbox-company-key = مفتاح الشركة
console-inbox-sort = الترتيب
console-inbox-default-order = الترتيب الافتراضي
console-inbox-show = عرض
console-inbox-empty = لا توجد تذاكر مطابقة.
console-inbox-no-such-account = لا يوجد حساب «{ $id }» للتصفية به.
console-preview-author = { $author }:

## A ticket

console-ticket-title = التذكرة رقم { $number }
console-ticket-gone = هذه التذكرة غير موجودة.
console-back-to-inbox = → صندوق الوارد
console-ticket-opened = تاريخ الفتح
console-ticket-channel = القناة
console-internal-note = ملاحظة داخلية
console-author-customer = العميل
console-author-agent = موظف الدعم
console-composer-placeholder = اكتب ردًا، أو ملاحظة لا يراها إلا موظفو الدعم
console-composer-reply = الرد على العميل
console-composer-note = إضافة ملاحظة داخلية
console-composer-choose = اختر الرد أو إضافة ملاحظة.
console-ticket-no-state = لا توجد حالة باسم «{ $state }».
console-ticket-no-account = لا يوجد هنا حساب برقم { $id }.

## Customers

console-customers-title = العملاء
console-customers-search = البريد الإلكتروني أو الاسم
console-customers-find = بحث
console-customers-active = نشط
console-customers-disabled = معطَّل
console-customers-outside = خارج الجمهور
console-customer-title = العميل
console-customer-gone = هذا العميل غير موجود.
console-back-to-customers = → العملاء
console-customer-access-active = نشط
console-customer-access-disabled = معطَّل
console-customer-access-outside = خارج جمهور البوابة
console-customer-attributes = السمات (المفتاح = القيمة، واحدة في كل سطر)
console-customer-companies = الشركات (المفاتيح، مفصولة بفواصل)
console-customer-enable = تفعيل هذا العميل
console-customer-disable = تعطيل هذا العميل (تنتهي جلساته فورًا)
console-customer-write-key-value = «{ $line }»: اكتب المفتاح = القيمة.
console-customer-saved = تم الحفظ؛ وأُعيد تطبيق قاعدة الظهور والجمهور.
console-customer-choose-access = اختر التفعيل أو التعطيل.
console-customer-disabled = تم التعطيل: انتهت جلسات العميل.
console-customer-enabled = تم التفعيل.

## Companies

console-companies-title = الشركات
console-companies-key-example = example-co
console-companies-name-example = شركة المثال
console-companies-save = إضافة أو إعادة تسمية
console-companies-saved = تم حفظ الشركة { $key }.
console-company-title = الشركة
console-company-gone = هذه الشركة غير موجودة.
console-back-to-companies = → الشركات
console-company-remove = إزالة
console-company-member-email = البريد الإلكتروني للعميل
console-company-add-member = إضافة عضو
console-company-no-customer = لا يوجد عميل بالبريد { $email }.
console-company-add-or-remove = أدخل بريدًا إلكترونيًا للإضافة أو اختر عضوًا للإزالة.
console-company-no-such-customer = هذا العميل غير موجود.
console-company-added = تمت الإضافة. أُعيد تطبيق قاعدة الظهور والجمهور.
console-company-removed = تمت الإزالة. أُعيد تطبيق قاعدة الظهور والجمهور.

## Accounts

console-accounts-title = الحسابات
console-accounts-save-role = حفظ الدور
console-accounts-pause = إيقاف مؤقت
console-accounts-resume = استئناف
console-accounts-remove = حذف
console-accounts-paused-role = { $role } (موقوف مؤقتًا)
console-accounts-add-heading = إضافة حساب
console-accounts-name = الاسم الذي يراه العملاء في الردود
console-accounts-password = كلمة المرور (إن تُركت فارغة تُنشأ واحدة وتُعرض مرة واحدة)
console-accounts-add = إضافة الحساب
console-accounts-added-generated = يمكن لـ { $email } تسجيل الدخول بكلمة المرور { $password } (تُعرض مرة واحدة فقط).
console-accounts-added-chosen = يمكن لـ { $email } تسجيل الدخول بكلمة المرور التي اخترتها.
console-accounts-not-hashed = تعذّر تجزئة كلمة المرور.
console-accounts-no-such-account = هذا الحساب غير موجود.
console-accounts-not-yourself = يغيّر حسابَك أو يحذفه مسؤولٌ آخر.
console-accounts-now-admin = أصبح الحساب مسؤولًا.
console-accounts-now-agent = أصبح الحساب موظف دعم.
console-accounts-paused = تم إيقاف الحساب مؤقتًا؛ وانتهت جلساته.
console-accounts-resumed = تم استئناف الحساب: يمكنه تسجيل الدخول مجددًا.
console-accounts-removed = تم حذف الحساب؛ وانتهت جلساته.

## Your account

console-account-name = اسمك كما يراه العملاء في ردودك
console-account-save-name = حفظ الاسم
console-account-current-password = كلمة المرور الحالية
console-account-new-password = كلمة المرور الجديدة ({ $min } أحرف أو أكثر)
console-account-change-password = تغيير كلمة المرور
console-account-gone = لم يعد هذا الحساب موجودًا.
console-account-password-held = أُدخلت كلمة المرور الحالية خطأً مرات كثيرة. حاول مرة أخرى بعد { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
       *[other] { $minutes } دقيقة
    }.
console-account-wrong-password = كلمة المرور الحالية غير صحيحة.
console-account-password-changed = تم تغيير كلمة المرور؛ وانتهت جلساتك الأخرى.
console-account-name-saved = تم حفظ اسمك؛ وستحمله ردودك القادمة.

## Why a console value was refused

console-error-role = يجب أن يكون الدور admin أو agent، لا «{ $role }».
console-error-password-length = يجب أن يتراوح طول كلمة المرور بين { $min } و{ $max } حرفًا.
console-error-brand-color = يجب أن يكون لون العلامة التجارية لونًا سداسي عشري مثل #3b5bdb.
console-error-logo-url = يجب أن يكون رابط الشعار عنوان https:// (وhttp:// على localhost فقط) دون مسافات أو علامات اقتباس، وألا يتجاوز { $max } حرفًا.
console-error-theme = يجب أن يكون المظهر auto أو light أو dark.
console-error-greeting = يجب ألا تتجاوز التحية { $max } حرفًا، في سطر واحد.
console-error-agent-name = يجب أن يتراوح طول الاسم المعروض بين 1 و{ $max } حرفًا، دون أحرف تحكم.
console-error-translation-too-long = الترجمة «{ $text }» أطول من { $max } حرفًا.
console-error-translation-control = الترجمة «{ $text }» تحتوي على أحرف تحكم.

## Portal settings

console-settings-lead = تصل التغييرات إلى البوابة المضمّنة عند تحميلها التالي؛ وتبقى صفحات الموقع كما هي.
console-settings-no-section = لا يوجد إعداد باسم «{ $section }».
console-settings-look = التحية والمظهر
console-settings-greeting = التحية
console-settings-brand-color = لون العلامة التجارية
console-settings-logo = رابط الشعار (https)
console-settings-theme = المظهر
console-theme-auto = تلقائي
console-theme-light = فاتح
console-theme-dark = داكن
console-settings-save-look = حفظ المظهر
console-settings-look-saved = تم حفظ التحية والمظهر؛ وستعرضهما البوابة عند تحميلها التالي.
console-settings-origins = الأصول المسموح لها بالتضمين
console-settings-origins-hint = أصل واحد في كل سطر، مثل https://www.example.com. لا يمكن إلا لصفحات هذه الأصول عرض البوابة والتواصل معها.
console-settings-save-origins = حفظ الأصول
console-settings-origins-saved = تم حفظ الأصول المسموح بها: { $count }.
console-settings-behaviour = الجلسات وإعادة الفتح والبحث واللغة
console-settings-session-hours = مدة الجلسة (بالساعات، 1 على الأقل)
console-settings-reopen = يمكن للعملاء إعادة فتح تذكرة مغلقة بالرد عليها
console-settings-search-preview = تعرض نتائج البحث عمود معاينة
console-settings-default-language = اللغة الافتراضية
console-settings-default-language-hint = تتحدث البوابة بلغة كل عميل متى أمكنها، وإلا فبهذه اللغة؛ وكذلك وحدة التحكم. وتُكتب التحية وأنواع التذاكر وأسماء السمات بها.
console-settings-hours-number = يجب أن تكون مدة الجلسة عددًا صحيحًا من الساعات، لا «{ $value }».
console-settings-hours-max = لا يمكن أن تتجاوز مدة الجلسة { $max } ساعة.
console-settings-no-language = لا توجد لغة بالرمز «{ $tag }».
console-settings-behaviour-saved = تم الحفظ. تستمر الجلسات الجديدة طوال المدة الجديدة.
console-settings-types = أنواع التذاكر
console-settings-types-hint = نوع واحد في كل سطر، بالترتيب الذي يراه العملاء (من 1 إلى 50).
console-settings-save-types = حفظ الأنواع
console-settings-types-saved = تم حفظ أنواع التذاكر: { $count }.
console-settings-attributes = سمات التذاكر التي يراها العملاء
console-settings-attributes-hint = سمة واحدة في كل سطر: المفتاح = الاسم المعروض.
console-settings-save-attributes = حفظ السمات
console-settings-write-key-name = «{ $line }»: اكتب المفتاح = الاسم المعروض.
console-settings-attributes-saved = عدد سمات التذاكر التي يراها العملاء: { $count }.
console-settings-attachments = المرفقات
console-settings-max-files = عدد الملفات في كل رسالة (من 0 إلى 6)
console-settings-max-kb = أكبر حجم للملف (بالكيلوبايت، حتى 3072)
console-settings-save-limits = حفظ الحدود
console-settings-files-number = يجب أن يكون عدد الملفات عددًا صحيحًا.
console-settings-size-number = يجب أن يكون حجم الملف عددًا صحيحًا.
console-settings-attachments-saved = عدد الملفات المسموح به في كل رسالة: حتى { $count }، وحجم كل منها { $size } على الأكثر.
console-settings-storage = تشغل الملفات { $used } من { $quota } يمكن لمساحة العمل هذه الاحتفاظ بها ({ $percent }٪). يحدد مشغّل البوابة هذه الحصة؛ وبعد تجاوزها تُرفض تحميلات العملاء.
console-settings-visibility = ظهور التذاكر
console-settings-restricted = تقييد من يرى تذاكر شركاته
console-settings-visibility-hint = عند التقييد، يرى العملاء الذين يستوفون كل الشروط تذاكرهم فقط، ويرى غيرهم تذاكر شركاتهم أيضًا (دون شروط: لا يرى أحد إلا تذاكره). شرط واحد في كل سطر: السمة المعامل القيمة، مثل email ends_with @example.com. السمات: { $fields } (لا اسم العميل، الذي لا يوقّعه الموقع)؛ المعاملات: equals وcontains وstarts_with وends_with.
console-settings-conditions = الشروط
console-settings-preview = معاينة
console-settings-save-visibility = حفظ الظهور
console-settings-visibility-saved = تم حفظ قاعدة ظهور التذاكر وتطبيقها على كل العملاء.
console-settings-audience = من يمكنه استخدام البوابة
console-settings-audience-hint = العملاء الذين يستوفون كل الشروط (دون شروط: كل من يتحقق منه الموقع). السمات: { $fields } (لا اسم العميل، الذي لا يوقّعه الموقع).
console-settings-save-audience = حفظ الجمهور
console-settings-audience-saved = تم حفظ الجمهور وتطبيقه على كل العملاء.
console-preview-audience = يطابق { $matching } من أصل { $customers } عميل.
console-preview-visibility = لا يرى { $matching } من أصل { $customers } عميل إلا تذاكرهم.
console-preview-unavailable = المعاينة غير متاحة الآن.

## Translations

console-settings-translations = الترجمات
console-settings-translations-hint = التحية وأنواع التذاكر وأسماء السمات كما يقرؤها العملاء بلغات أخرى. وهي مكتوبة بـ{ $language }، اللغة الافتراضية؛ والحقل الفارغ يعرض النص كما كُتب.
console-settings-translations-language = اللغة
console-settings-translations-show = عرض
console-settings-translations-attributes = سمات التذاكر
console-settings-save-translations = حفظ الترجمات
console-settings-translations-default = { $language } هي اللغة الافتراضية: نصوصها هي المكتوبة أعلاه.
console-settings-translations-saved = تم حفظ النصوص بـ{ $language }؛ وستعرضها البوابة عند تحميلها التالي.

## Embed code

console-embed-status = الحالة
console-embed-is-enabled = البوابة مفعّلة.
console-embed-is-disabled = البوابة معطّلة.
console-embed-needs = قبل أن يمكن تفعيلها تحتاج إلى { $needs }.
console-embed-needs-origin = أصل واحد على الأقل مسموح له بالتضمين (إعدادات البوابة)
console-embed-needs-secret = سر للتحقق من الهوية («إنشاء السر» أدناه)
console-embed-cannot-enable = لا يمكن تفعيل البوابة بعد. فهي تحتاج إلى { $needs }.
console-embed-enable = تفعيل البوابة
console-embed-disable = تعطيل البوابة
console-embed-enabled-done = تم تفعيل البوابة. انسخ الرمز أدناه إلى موقعك.
console-embed-disabled-done = تم تعطيل البوابة: يُظهر الإطار ذلك ولا يفتح أي جلسة.
console-embed-sign-in = كيف يسجّل العملاء الدخول
console-embed-is-hash-allowed = يمكن لموقعك تسجيل دخول العملاء بتجزئة تحقق أو برمز موقّع (JWT).
console-embed-is-jwt-only = لا يسجّل دخول العملاء إلا رمز موقّع (JWT): تُرفض تجزئات التحقق.
console-embed-jwt-hint = تنتهي صلاحية الرمز الموقّع (JWT، بخوارزمية HS256 والسر أدناه) خلال 10 دقائق ولا يُستخدم إلا مرة واحدة، فلا فائدة من نسخه.
console-embed-require-jwt = قبول الرموز الموقّعة (JWT) فقط
console-embed-allow-hash = قبول تجزئات التحقق أيضًا
console-embed-jwt-only-done = من الآن لا يسجّل دخول العملاء إلا رمز موقّع (JWT). تستمر الجلسات المفتوحة.
console-embed-hash-allowed-done = عادت تجزئات التحقق تسجّل دخول العملاء، إلى جانب الرموز الموقّعة.
console-embed-step-head = 1. الصق هذا في ‎<head>‎ صفحاتك
console-embed-step-frame = 2. ضع الإطار حيث يجب أن تظهر البوابة
console-embed-step-csp = 3. اسمح به في سياسة Content-Security-Policy لموقعك
console-embed-step-sign = 4. وقّع كل مستخدم على خادمك
console-embed-step-sign-hint = استدعِ { $init } بعد تسجيل دخول المستخدم، و{ $stop } عند تسجيل خروجه. التجزئة هي HMAC-SHA256 للبريد الإلكتروني بالسر، بصيغة سداسية عشرية بأحرف صغيرة؛ احتفظ بالسر على الخادم.
console-embed-copy = نسخ
console-embed-copied = تم النسخ
console-embed-secret = سر التحقق من الهوية
console-embed-generate-secret = إنشاء السر
console-embed-reveal-secret = إظهار السر
console-embed-secret-exists = لدى مساحة العمل سر بالفعل؛ دوّره لاستبداله.
console-embed-secret-generated = تم إنشاء سر جديد. ضعه في إعدادات خادم موقعك.
console-embed-retiring = يظل سر سابق صالحًا للتحقق حتى { $time }.
console-embed-overlap = إبقاء السر القديم صالحًا لمدة
console-embed-overlap-none = بلا: إيقاف السر القديم الآن
console-embed-overlap-hours = { $hours ->
        [one] ساعة واحدة
        [two] ساعتان
        [few] { $hours } ساعات
       *[other] { $hours } ساعة
    }
console-embed-overlap-days = { $days ->
        [one] يوم واحد
        [two] يومان
        [few] { $days } أيام
       *[other] { $days } يومًا
    }
console-embed-rotate = تدوير السر
console-embed-bad-overlap = لم يتغير شيء: اختر مدة تداخل من { $hours } ساعات.
console-embed-rotated-now = تم تدوير السر. لم يعد السر القديم صالحًا للتحقق، وانتهت جلساته.
console-embed-rotated-overlap = تم تدوير السر. يظل السر القديم صالحًا للتحقق لمدة { $hours ->
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $hours } ساعات
       *[other] { $hours } ساعة
    }، ثم يُوقف وتنتهي جلساته.

## Testing the portal as a customer

console-test-as-title = الاختبار بصفة عميل
console-test-as-hint = يفتح البوابة هنا بصفة هذا العميل، موقّعة بسر مساحة العمل تمامًا كما سيوقّعه موقعك.
console-test-as-open = فتح البوابة بصفته
console-test-as-no-secret = ليس لدى مساحة العمل سر بعد: أنشئ واحدًا في صفحة «رمز التضمين».
console-test-as-seeing = أنت ترى البوابة بصفة { $email }. ما تفعله هنا تفعله باسمه.
console-test-as-frame = البوابة كما يراها العميل

console-settings-form = حقول نموذج التذكرة الجديدة
console-settings-form-hint = ما يملؤه العملاء عند فتح تذكرة، كسمات للتذكرة؛ حقل في كل سطر: key | التسمية | text أو number أو date أو choice: A, B [| required]. مثال: plan | الخطة | choice: Free, Pro | required
console-settings-save-form = حفظ النموذج
console-settings-form-saved = عدد حقول نموذج التذكرة الجديدة: { $count ->
       *[other] { $count }
    }

## The standalone portal and customers' sessions

console-error-sign-in-url = يجب أن تكون صفحة تسجيل الدخول عنوان https://‏ (و http://‏ على localhost فقط) بلا مسافات أو علامات اقتباس أو #، وبحد أقصى { $max } حرفًا.
console-error-portal-host = يجب أن يكون اسم المضيف اسم DNS مثل support.example.com، مع منفذ اختياريًا.
console-settings-standalone = البوابة المستقلة
console-settings-standalone-hint = يمكن للعملاء أيضًا استخدام البوابة كموقع مستقل، على { $address } أو على اسم مضيف خاص بها.
console-settings-sign-in-url = صفحة تسجيل الدخول في موقعك (تسجيل دخول مخصص)
console-settings-sign-in-url-hint = يُرسَل الزوار غير المسجلين إلى هناك مع return_to؛ وبعد تسجيل الدخول أعِدهم إلى ذلك العنوان مضافًا إليه ‎&jwt=‎ ورمز موقّع. فارغ: بلا تسجيل دخول مخصص.
console-settings-new-tab = عرض «فتح في علامة تبويب جديدة» في البوابة المضمّنة
console-settings-email-sign-in = السماح بتسجيل الدخول برمز لمرة واحدة يُرسل إلى البريد الإلكتروني
console-settings-email-sign-in-hint = لا يتلقى الرمز إلا العملاء المعروفون لمساحة العمل؛ والرد واحد لأي عنوان.
console-settings-email-sign-in-no-mail = لم يُضبط خادم SMTP: يبقى تسجيل الدخول بالبريد معطّلًا حتى يُضبط (smtp_url و mail_from).
console-settings-host = اسم مضيف خاص
console-settings-host-hint = وجّه الاسم إلى الوكيل العكسي لديك، الذي يتولى TLS ويحوّل إلى البوابة مع الإبقاء على ترويسة Host. فارغ: لا شيء.
console-settings-host-is-public = هذا هو عنوان البوابة نفسها؛ اختر اسم مضيف آخر.
console-settings-standalone-saved = حُفظت إعدادات البوابة المستقلة.
console-customer-sessions = الجلسات
console-session-opened = بدأت
console-session-where = المكان
console-session-origin = الأصل أو المضيف
console-session-browser = المتصفح
console-session-state = الحالة
console-session-embedded = مضمّنة
console-session-standalone = مستقلة
console-session-live = نشطة
console-session-ended = منتهية

## Email to customers

console-mail-failed = تعذّر تسليم البريد الخاص بأحد الردود
console-mail-on = البريد إلى العملاء مفعّل: يُبلَّغون بردود الوكلاء.
console-mail-off = البريد إلى العملاء معطّل: لم يُضبط خادم SMTP ‏(smtp_url وmail_from)، لذا لا يُرسل شيء.

# The settings' mail card
console-settings-mail = البريد الإلكتروني
console-settings-mail-from-name = اسم المرسل
console-settings-mail-reply-to = عنوان الرد
console-settings-mail-reply-to-hint = فارغ: تذهب الردود إلى عنوان المرسل. اكتب عنوان مكتب الدعم لديك لتصل الردود إليه.
console-settings-mail-reply-to-inbound = تعود الردود إلى البوابة (inbound_address مضبوط) وتصل إلى تذاكرها؛ لا يُستخدم هذا العنوان.
console-settings-mail-saved = حُفظت إعدادات البريد.
console-error-sender-name = يجب ألا يزيد اسم المرسل على { $max } حرفًا، في سطر واحد.
console-error-reply-to = يجب أن يكون عنوان الرد عنوان بريد إلكتروني، أو فارغًا.
console-settings-site-page = صفحة الدعم في الموقع
console-settings-site-page-hint = حيث تفتح روابط البريد تذكرة: صفحتك التي تضم إطار البوابة (مثل https://app.acme.com/support)؛ يفتح المحمِّل التذكرة المذكورة في ‎#ticket=‎. فارغ: تفتح الروابط البوابة المستقلة.
console-error-site-page = يجب أن تكون صفحة الدعم في الموقع عنوان https://‎ (و http://‎ على localhost فقط) بلا مسافات أو علامات اقتباس أو #، وبحد أقصى { $max } حرفًا.
