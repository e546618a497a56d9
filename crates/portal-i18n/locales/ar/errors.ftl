# Why a value was refused: read in the frame and in the console.

invalid-email-missing = لم يتم إدخال عنوان البريد الإلكتروني.
invalid-email-too-long = يتجاوز عنوان البريد الإلكتروني الحد الأقصى لعدد الأحرف ({ $max }).
invalid-email = عنوان البريد الإلكتروني غير صالح.
invalid-email-case = يحتوي عنوان البريد الإلكتروني على حرف يتحول إلى حرف آخر عند التحويل بين الأحرف الكبيرة والصغيرة (مثل رمز الكلفن الذي يتحول إلى k)، لذا قد يُلتبس بعنوان آخر.
invalid-name-too-long = يتجاوز الاسم الحد الأقصى لعدد الأحرف ({ $max }).
invalid-name-control = يحتوي الاسم على أحرف تحكم.
invalid-slug = يجب أن يتكون اسم مساحة العمل من الأحرف a-z والأرقام 0-9 والشرطة '-' فقط، وأن يتراوح عدد أحرفه بين 1 و{ $max }.
invalid-origin = '{ $origin }' ليس أصلًا (origin) صالحًا: استخدم الصيغة scheme://host[:port] مع http أو https، دون أي شيء بعدها.
invalid-origin-count = الحد الأقصى لعدد الأصول المسموح بها هو { $max }.
invalid-session-lifetime = يجب ألا تقل مدة الجلسة عن ساعة واحدة.
invalid-title-empty = يجب ألا يكون العنوان فارغًا.
invalid-message-empty = يجب ألا تكون الرسالة فارغة.
invalid-message-too-long = عدد أحرف الرسالة { $got }، والحد الأقصى هو { $max }.
invalid-title-too-long = عدد أحرف العنوان { $got }، والحد الأقصى هو { $max }.
invalid-idempotency-key = يجب أن يتكون مفتاح عدم التكرار (idempotency key) من الأحرف a-z وA-Z والأرقام 0-9 و'-' و'_' فقط، وأن يتراوح عدد أحرفه بين 8 و64.
invalid-type-count = يجب أن يتراوح عدد أنواع التذاكر في مساحة العمل بين 1 و{ $max }، لا { $got }.
invalid-type-length = يجب أن يتراوح عدد أحرف نوع التذكرة بين 1 و{ $max }: «{ $name }».
invalid-type-control = يجب ألا يحتوي نوع التذكرة على أحرف تحكم: «{ $name }».
invalid-type-repeated = نوع التذكرة «{ $name }» مُدرج مرتين.
invalid-token-name = يجب أن يتراوح عدد أحرف اسم رمز API بين 1 و{ $max }، دون أحرف تحكم.

list-error-search-too-long = الحد الأقصى لعدد أحرف البحث هو { $max }.
list-error-search-no-words = ابحث عن حرف أو رقم واحد على الأقل.
list-error-state = «{ $value }» ليست حالة تذكرة.
list-error-type = «{ $value }» ليس من أنواع التذاكر في هذه البوابة.
list-error-date = «{ $value }» ليس تاريخًا: استخدم الصيغة YYYY-MM-DD.
list-error-created-reversed = ينتهي نطاق تاريخ الإنشاء قبل أن يبدأ.
list-error-updated-reversed = ينتهي نطاق تاريخ التحديث قبل أن يبدأ.
list-error-sort = «{ $value }» ليست طريقة صالحة لترتيب التذاكر.
list-error-creator = «{ $value }» ليس عنوان بريد إلكتروني.
list-error-page-size = يجب أن يكون حجم الصفحة عددًا صحيحًا.
list-error-cursor = رابط هذه الصفحة تالف. ابدأ من جديد من الصفحة الأولى.

file-error-no-name = ليس للملف اسم.
file-error-name-too-long = { $name }: يتجاوز الاسم الحد الأقصى لعدد الأحرف ({ $max }).
file-error-separator = { $name }: يجب ألا تحتوي أسماء الملفات على '/' أو '\'.
file-error-control = { $name }: يجب ألا تحتوي أسماء الملفات على أحرف تحكم.
file-error-kind = { $name }: هذا النوع من الملفات غير مسموح به (الأنواع المسموح بها: { $allowed }).
file-error-empty = { $name }: الملف فارغ.
file-error-too-large = { $name }: حجم الملف أكبر من { $limit }.
file-error-mismatch = { $name }: المحتوى ليس ملف { $kind }، أيًّا كان ما يوحي به اسمه.
file-error-too-many = الحد الأقصى لعدد الملفات التي يمكن إرفاقها بالرسالة الواحدة هو { $max }.
file-error-disabled = لا تقبل مساحة العمل هذه المرفقات.

form-error-unknown = لا يحتوي هذا النموذج على الحقل «{ $field }».
form-error-required = يرجى ملء «{ $field }».
form-error-too-long = الحد الأقصى لعدد أحرف «{ $field }» هو { $max }.
form-error-number = يجب أن يكون «{ $field }» رقمًا.
form-error-date = يجب أن يكون «{ $field }» تاريخًا (YYYY-MM-DD).
form-error-choice = يرجى اختيار أحد الخيارات في «{ $field }».
