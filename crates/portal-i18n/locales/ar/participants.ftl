# Ticket participants: the customers besides its creator who take part in
# a ticket. What the frame says first, then the console.

## The frame: a company member who reads a ticket without taking part

join-hint = يمكنك قراءة هذه التذكرة لأنها تخص شركتك. انضم إلى المحادثة لترد عليها.
join-button = الانضمام إلى المحادثة
error-not-participant = انضم إلى هذه المحادثة لترد عليها.

## The console: a ticket's participants

console-participants-title = المشاركون
console-participants-hint = العملاء المشاركون في التذكرة غير من فتحها: يرونها في بوابتهم ويمكنهم الرد عليها. تبقى الملاحظات الداخلية مخفية عنهم.
console-participants-none = لا يشارك أحد آخر في هذه التذكرة بعد.
console-participant-how = أضافه
console-participant-since = منذ
console-participant-added-by-agent = أحد الوكلاء
console-participant-joined = العميل نفسه، من البوابة
console-participant-actions = الإجراءات
console-participant-remove = إزالة
console-participant-remove-label = إزالة { $email } من المشاركين
console-participant-email = البريد الإلكتروني للعميل
console-participant-add = إضافة مشارك
console-participant-add-or-remove = أدخل البريد الإلكتروني لعميل لإضافته، أو لمشارك لإزالته.
console-participant-added = تمت الإضافة. يرى العميل هذه التذكرة الآن في بوابته ويمكنه الرد عليها.
console-participant-already = يشارك العميل في هذه التذكرة بالفعل؛ لم يتغير شيء.
console-participant-removed = تمت الإزالة. لا يرى العميل هذه التذكرة الآن إلا إذا أظهرتها له قاعدة الظهور.
console-participant-was-not = لم يكن العميل مشاركًا؛ لم يتغير شيء.
console-store-no-customer = لا يوجد عميل بالبريد { $email }.
console-store-creator-takes-part = هذا العميل هو من فتح التذكرة، وهو مشارك فيها بالفعل.
console-store-not-participant = يجب على العميل الانضمام إلى التذكرة أولًا.
